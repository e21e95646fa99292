import CoreVideo
import Foundation
import Precheck

/// What the app shows (the Swift twin of the Android app's `CaptureState`).
enum CaptureState: Equatable {
    /// Waiting for the document photo.
    case pickingDocument
    /// Document accepted, camera starting.
    case starting
    /// Live guidance from the SDK's session: what to do or fix (`nil`: hold still), progress
    /// 0–1, the challenge asked now (number `step` of `steps`).
    case guiding(prompt: Prompt?, progress: Float, challenge: ChallengeKind?, step: Int, steps: Int)
    /// The session is done: the flow is being finished.
    case finishing
    case done(FlowResult)
    case failed(String)
}

/// Keeps the prompt on screen steady: a new answer replaces the shown one only after it has
/// been the answer for `settleMs` on the frames' clock.
struct PromptDebouncer {
    var settleMs: Int64 = 400
    private var started = false
    private var shown: PromptCode?
    private var candidate: PromptCode?
    private var candidateSinceMs: Int64 = 0

    mutating func update(_ code: PromptCode?, at timestampMs: Int64) -> PromptCode? {
        if !started {
            started = true
            shown = code
            candidate = code
            candidateSinceMs = timestampMs
            return shown
        }
        if code != candidate {
            candidate = code
            candidateSinceMs = timestampMs
        }
        if candidate != shown && timestampMs - candidateSinceMs >= settleMs {
            shown = candidate
        }
        return shown
    }
}

/// Owns the engine, the attempt and the camera. Frames go to `Flow.pushFrame` on the camera
/// queue; the answers become screen state on the main thread. The flow is finished when the
/// session completes or fails, or after `maxSelfieMs` on the frames' clock.
@MainActor
final class CaptureModel: ObservableObject {
    @Published private(set) var state: CaptureState = .pickingDocument
    let language: Language
    private let maxSelfieMs: Int64 = 30_000
    private var debouncer = PromptDebouncer()
    private var firstMs: Int64?
    private var engine: Engine?
    private var attempt: KycAttempt?
    private var camera: CameraController?

    init(language: Language) {
        self.language = language
    }

    static func deviceLanguage() -> Language {
        let tag = Locale.preferredLanguages.first ?? "en"
        return languageFromLocale(tag: tag) ?? .en
    }

    var session: CameraController? { camera }

    /// The document step, then the selfie step with the camera. A cooldown or a bad photo
    /// ends here with the SDK's message.
    func start(document: Data) {
        do {
            let engine = try self.engine ?? Engine(modelDir: Bundle.main.bundleURL.appendingPathComponent("models").path)
            self.engine = engine
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyy-MM-dd"
            let options = FlowOptions(
                // A real deployment gets the nonce and the salt from its server.
                nonce: UUID().uuidString,
                language: language,
                documentKind: .unknown,
                today: formatter.string(from: Date()),
                documentSalt: Data("precheck-demo-deployment-salt".utf8)
            )
            let attempt = try KycAttempt(
                engine: engine,
                options: options,
                store: UserDefaultsRetryStateStore(),
                signer: try? KeychainSigner.load()
            )
            _ = try attempt.submitDocument(document)
            _ = try attempt.startSelfie()
            self.attempt = attempt
            debouncer = PromptDebouncer()
            firstMs = nil
            state = .starting
            startCamera(attempt)
        } catch {
            state = .failed(error.localizedDescription)
        }
    }

    func restart() {
        camera?.stop()
        attempt = nil
        state = .pickingDocument
    }

    private func startCamera(_ attempt: KycAttempt) {
        let camera = self.camera ?? CameraController()
        self.camera = camera
        camera.onError = { [weak self] error in
            Task { @MainActor in self?.finish(with: .failed(error.localizedDescription)) }
        }
        camera.onFrame = { [weak self] buffer, timestampMs in
            // On the camera queue: the SDK reads the buffer while it is locked.
            let update = Result { try attempt.pushFrame(buffer, timestampMs: timestampMs) }
            Task { @MainActor in self?.onUpdate(update, attempt: attempt) }
        }
        camera.start()
    }

    private func onUpdate(_ update: Result<SessionUpdate, Error>, attempt: KycAttempt) {
        guard self.attempt === attempt else { return }
        switch state {
        case .starting, .guiding: break
        default: return
        }
        switch update {
        case .failure(let error):
            finish(with: .failed(error.localizedDescription))
        case .success(let update):
            let first = firstMs ?? update.tMs
            firstMs = first
            let done = update.state == .completed || update.state == .failed
            if done || update.tMs - first >= maxSelfieMs {
                state = .finishing
                camera?.stop()
                // Matching and signing take a moment (a hardware key may ask the user): off the
                // main thread.
                Task.detached {
                    let result = Result { try attempt.finish() }
                    await MainActor.run { [weak self] in
                        switch result {
                        case .success(let flowResult): self?.finish(with: .done(flowResult))
                        case .failure(let error): self?.finish(with: .failed(error.localizedDescription))
                        }
                    }
                }
                return
            }
            let shown = debouncer.update(update.prompt?.code, at: update.tMs)
            let count = Int(update.challengeCount)
            state = .guiding(
                prompt: shown.map { code in localized(code, from: update) },
                progress: min(max(update.progress, 0), 1),
                challenge: update.challenge,
                step: min(Int(update.challengeIndex) + 1, count),
                steps: count
            )
        }
    }

    /// The session's own prompt when it is the one shown, else the message for `code`.
    private func localized(_ code: PromptCode, from update: SessionUpdate) -> Prompt {
        if let current = update.prompt, current.code == code { return current }
        return prompt(code: code, language: language)
    }

    private func finish(with state: CaptureState) {
        camera?.stop()
        attempt = nil
        self.state = state
    }
}
