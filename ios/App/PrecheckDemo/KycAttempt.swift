import CoreVideo
import Foundation
import Precheck

/// Where the app keeps the retry state between attempts. The SDK keeps nothing across
/// attempts: it hands back `FlowResult.retryStateJson`, the app stores that string and passes
/// it to the next `Engine.startFlow`, which throws `PrecheckError.RetryCooldown` while a
/// cooldown is in force.
protocol RetryStateStore {
    func load() -> String?
    func save(_ json: String)
}

/// The retry state in the app's `UserDefaults` (a server-driven app keeps it on its backend).
struct UserDefaultsRetryStateStore: RetryStateStore {
    var defaults: UserDefaults = .standard
    var key = "precheck.retryStateJson"

    func load() -> String? { defaults.string(forKey: key) }
    func save(_ json: String) { defaults.set(json, forKey: key) }
}

/// One KYC attempt as the app runs it (the twin of the Android app's `KycAttempt`): the SDK's
/// `Flow` with the host's clock, retry store and signing key. Every call may throw
/// `PrecheckError`. `Flow` is thread-safe; frames come from the camera queue.
final class KycAttempt: @unchecked Sendable {
    private let flow: Flow
    private let store: RetryStateStore
    private let signer: Signer?

    init(engine: Engine, options: FlowOptions, store: RetryStateStore, signer: Signer?) throws {
        self.store = store
        self.signer = signer
        flow = try engine.startFlow(options: options, retryStateJson: store.load(), nowMs: Self.nowMs())
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

    /// Decides, stores the new retry state and returns the result with its (signed) bundle.
    func finish() throws -> FlowResult {
        let result = try flow.finish(nowMs: Self.nowMs(), signer: signer)
        store.save(result.retryStateJson)
        return result
    }
}
