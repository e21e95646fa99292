import Precheck
import SwiftUI

@main
struct PrecheckDemoApp: App {
    @StateObject private var model = CaptureModel(language: CaptureModel.deviceLanguage())

    var body: some Scene {
        WindowGroup {
            switch model.state {
            case .pickingDocument:
                DocumentPickView(model: model)
            case .done(let result):
                ResultView(result: result) { model.restart() }
            case .failed(let message):
                ResultView(errorMessage: message) { model.restart() }
            default:
                CaptureView(model: model)
            }
        }
    }
}
