import CoreVideo
import Foundation
import Precheck

/// The SDK's `RetryStateStore` callback on the app's `UserDefaults` (a server-driven app keeps
/// the state on its backend): the flow reads it when it starts and writes it when it finishes.
final class UserDefaultsRetryStateStore: RetryStateStore, @unchecked Sendable {
    private let defaults: UserDefaults
    private let key: String

    init(defaults: UserDefaults = .standard, key: String = "precheck.retryStateJson") {
        self.defaults = defaults
        self.key = key
    }

    func load() -> String? { defaults.string(forKey: key) }
    func save(stateJson: String) { defaults.set(stateJson, forKey: key) }
}

/// One KYC attempt as the app runs it (the twin of the Android app's `KycAttempt`): the SDK's
/// `Flow` with the host's clock, retry store and signing key. Every call may throw
/// `PrecheckError`. `Flow` is thread-safe; frames come from the camera queue.
final class KycAttempt: @unchecked Sendable {
    private let flow: Flow
    private let signer: Signer?

    init(engine: Engine, options: FlowOptions, store: RetryStateStore, signer: Signer?) throws {
        self.signer = signer
        flow = try engine.startFlowWithStore(options: options, store: store, nowMs: Self.nowMs())
    }

    static func nowMs() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    /// The document photo (JPEG/PNG bytes); may be repeated (a retake) until the selfie starts.
    func submitDocument(_ encoded: Data) throws -> DocumentStepReport {
        try flow.submitDocument(encoded: encoded, capturedMs: Self.nowMs())
    }

    /// Starts the selfie step; the order the challenges will be asked in.
    func startSelfie() throws -> [ChallengeKind] {
        try flow.startSelfie(nowMs: Self.nowMs())
    }

    /// One BGRA camera buffer (on the camera queue; the bytes are read without a copy).
    func pushFrame(_ buffer: CVPixelBuffer, timestampMs: Int64) throws -> SessionUpdate {
        try PixelBufferFrame.withFrame(buffer, rotation: .deg0, mirrored: false, timestampMs: timestampMs) { frame, pixels in
            try flow.pushFrame(frame: frame, pixels: pixels)
        }
    }

    /// Decides (the SDK stores the new retry state) and returns the result with its (signed)
    /// bundle.
    func finish() throws -> FlowResult {
        try flow.finish(nowMs: Self.nowMs(), signer: signer)
    }
}
