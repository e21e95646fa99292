import Precheck
import SwiftUI

/// The flow's decision and reasons, or the error that ended it.
struct ResultView: View {
    var result: FlowResult?
    var errorMessage: String?
    let onRetry: () -> Void

    init(result: FlowResult, onRetry: @escaping () -> Void) {
        self.result = result
        self.onRetry = onRetry
    }

    init(errorMessage: String, onRetry: @escaping () -> Void) {
        self.errorMessage = errorMessage
        self.onRetry = onRetry
    }

    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
            if let errorMessage {
                Text("Check not completed").font(.title2.bold())
                Text(errorMessage).font(.body.monospaced())
            } else if let result {
                Text(title(result.decision)).font(.title2.bold())
                ForEach(result.reasons, id: \.self) { reason in
                    Text("· \(reason)").font(.footnote.monospaced())
                }
                row("Face match", result.faceMatch.similarity.map { String(format: "%.2f", $0) } ?? "–")
                row("Liveness", "\(result.liveness.active.verdict) / \(result.liveness.passive.verdict) / \(result.liveness.depth.verdict)")
                row("MRZ", result.document.mrz?.valid == true ? "valid" : "not read")
                row("Attempts", retryText(result.retryStatus))
                row("Bundle", String(result.bundleDigest.prefix(16)) + "…")
            }
            Spacer()
            Button("Try again", action: onRetry).buttonStyle(.borderedProminent)
        }
        .padding(24)
    }

    private func title(_ decision: Decision) -> String {
        switch decision {
        case .pass: return "Pre-check passed"
        case .review: return "A person will review your check"
        case .fail: return "Pre-check failed"
        }
    }

    private func retryText(_ status: RetryStatus) -> String {
        switch status {
        case .allowed(let left): return "\(left) left"
        case .cooldown(let remainingMs): return "next in \(remainingMs / 60_000) min"
        case .escalated: return "handed over to a person"
        }
    }

    private func row(_ label: String, _ value: String) -> some View {
        HStack {
            Text(label).foregroundStyle(.secondary)
            Spacer()
            Text(value).monospacedDigit()
        }
    }
}
