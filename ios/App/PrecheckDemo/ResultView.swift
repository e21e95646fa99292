import Precheck
import SwiftUI

/// The captured frame's analysis, or the error that ended the capture.
struct ResultView: View {
    var report: FrameReport?
    var language: Language = .en
    var errorMessage: String?
    let onRetry: () -> Void

    init(report: FrameReport, language: Language, onRetry: @escaping () -> Void) {
        self.report = report
        self.language = language
        self.onRetry = onRetry
    }

    init(errorMessage: String, onRetry: @escaping () -> Void) {
        self.errorMessage = errorMessage
        self.onRetry = onRetry
    }

    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
            if let errorMessage {
                Text("Capture failed").font(.title2.bold())
                Text(errorMessage).font(.body.monospaced())
            } else if let report, let face = report.faces.first {
                Text(promptMessage(code: .done, language: language)).font(.title2.bold())
                row("Frame", "\(report.width) × \(report.height)")
                row("Face box", String(format: "%.0f, %.0f, %.0f × %.0f", face.bbox.x, face.bbox.y, face.bbox.width, face.bbox.height))
                row("Score", String(format: "%.2f", face.score))
                row("Yaw / pitch / roll", String(format: "%.1f° / %.1f° / %.1f°", face.pose.yaw, face.pose.pitch, face.pose.roll))
                row("Eyes open (L / R)", String(format: "%.2f / %.2f", face.eyesOpen.left, face.eyesOpen.right))
                row("Mouth open", String(format: "%.2f", face.mouthOpen))
            }
            Spacer()
            Button("Try again", action: onRetry).buttonStyle(.borderedProminent)
        }
        .padding(24)
    }

    private func row(_ label: String, _ value: String) -> some View {
        HStack {
            Text(label).foregroundStyle(.secondary)
            Spacer()
            Text(value).monospacedDigit()
        }
    }
}
