import Foundation
import Precheck

/// What the capture screen shows (the Swift twin of the Android app's `CaptureState`).
enum CaptureState: Equatable {
    case starting
    case guiding(prompt: Prompt?, progress: Float)
    case captured(FrameReport, timestampMs: Int64)
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

/// Owns the engine and the camera; turns analysis results into screen state on the main
/// thread. Until `Session.pushFrame` exists, the prompt comes from the face count of the
/// stateless `analyzeFrame` (FACE_NOT_FOUND, MULTIPLE_FACES).
@MainActor
final class CaptureModel: ObservableObject {
    @Published private(set) var state: CaptureState = .starting
    let language: Language
    private let holdMs: Int64 = 1_500
    private var debouncer = PromptDebouncer()
    private var goodSinceMs: Int64?
    private var camera: CameraController?

    init(language: Language) {
        self.language = language
    }

    static func deviceLanguage() -> Language {
        let tag = Locale.preferredLanguages.first ?? "en"
        return languageFromLocale(tag: tag) ?? .en
    }

    func start() {
        guard camera == nil else { return }
        do {
            let modelDir = Bundle.main.bundleURL.appendingPathComponent("models").path
            let engine = try Engine(modelDir: modelDir)
            let camera = CameraController(engine: engine) { [weak self] result, timestampMs in
                Task { @MainActor in self?.onResult(result, timestampMs: timestampMs) }
            }
            self.camera = camera
            camera.start()
        } catch {
            state = .failed(error.localizedDescription)
        }
    }

    func restart() {
        state = .starting
        goodSinceMs = nil
        debouncer = PromptDebouncer()
        if camera == nil { start() } else { camera?.start() }
    }

    var session: CameraController? { camera }

    private func onResult(_ result: Result<FrameReport, Error>, timestampMs: Int64) {
        switch state {
        case .captured, .failed: return
        default: break
        }
        switch result {
        case .failure(let error):
            state = .failed(error.localizedDescription)
            camera?.stop()
        case .success(let report):
            let code: PromptCode?
            if report.faces.isEmpty {
                code = .faceNotFound
            } else if report.faces.count > 1 {
                code = .multipleFaces
            } else {
                code = nil
            }
            let since: Int64? = code == nil ? (goodSinceMs ?? timestampMs) : nil
            goodSinceMs = since
            let shown = debouncer.update(code, at: timestampMs)
            if let since, timestampMs - since >= holdMs {
                state = .captured(report, timestampMs: timestampMs)
                camera?.stop()
            } else {
                let held = since.map { Float(timestampMs - $0) / Float(holdMs) } ?? 0
                state = .guiding(
                    prompt: shown.map { prompt(code: $0, language: language) },
                    progress: min(max(held, 0), 1)
                )
            }
        }
    }
}
