import Precheck
import SwiftUI

@main
struct PrecheckDemoApp: App {
    @StateObject private var model = CaptureModel(language: CaptureModel.deviceLanguage())

    var body: some Scene {
        WindowGroup {
            Group {
                switch model.state {
                case .captured(let report, _):
                    ResultView(report: report, language: model.language) { model.restart() }
                case .failed(let message):
                    ResultView(errorMessage: message) { model.restart() }
                default:
                    CaptureView(model: model)
                }
            }
            .task { model.start() }
        }
    }
}
