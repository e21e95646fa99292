import AVFoundation
import Precheck
import SwiftUI
import UniformTypeIdentifiers

/// Camera preview, the oval the face should fill, and one prompt at a time.
struct CaptureView: View {
    @ObservedObject var model: CaptureModel

    var body: some View {
        ZStack {
            if let session = model.session?.session {
                CameraPreview(session: session).ignoresSafeArea()
            } else {
                Color.black.ignoresSafeArea()
            }
            OvalMask()
            VStack {
                Spacer()
                Text(promptText)
                    .font(.title3.weight(.semibold))
                    .multilineTextAlignment(.center)
                    .padding()
                    .background(.ultraThinMaterial, in: RoundedRectangle(cornerRadius: 12))
                    .padding(.bottom, 8)
                ProgressView(value: progress)
                    .padding(.horizontal, 48)
                    .padding(.bottom, 32)
            }
        }
    }

    private var promptText: String {
        if case .guiding(let prompt, _, let challenge, let step, let steps) = model.state {
            let counter = challenge == nil ? "" : "\(step)/\(steps)  "
            return counter + (prompt?.message ?? "✓")
        }
        return ""
    }

    private var progress: Float {
        switch model.state {
        case .guiding(_, let progress, _, _, _): return progress
        case .finishing: return 1
        default: return 0
        }
    }
}

/// The document step: the user picks a photo of their passport or ID card.
struct DocumentPickView: View {
    @ObservedObject var model: CaptureModel
    @State private var importing = false

    var body: some View {
        VStack(spacing: 24) {
            Text("Pick a photo of your passport or ID card.")
                .font(.title3)
                .multilineTextAlignment(.center)
            Button("Choose photo") { importing = true }
                .buttonStyle(.borderedProminent)
        }
        .padding(32)
        .fileImporter(isPresented: $importing, allowedContentTypes: [.image]) { result in
            switch result {
            case .success(let url):
                let scoped = url.startAccessingSecurityScopedResource()
                defer { if scoped { url.stopAccessingSecurityScopedResource() } }
                if let data = try? Data(contentsOf: url) { model.start(document: data) }
            case .failure:
                break
            }
        }
    }
}

/// Darkens everything outside a centred oval and outlines it.
struct OvalMask: View {
    var body: some View {
        GeometryReader { geometry in
            let width = geometry.size.width * 0.7
            let oval = CGRect(
                x: (geometry.size.width - width) / 2,
                y: geometry.size.height * 0.18,
                width: width,
                height: width * 1.3
            )
            ZStack {
                Path { path in
                    path.addRect(CGRect(origin: .zero, size: geometry.size))
                    path.addEllipse(in: oval)
                }
                .fill(Color.black.opacity(0.55), style: FillStyle(eoFill: true))
                Ellipse()
                    .stroke(Color.white, lineWidth: 3)
                    .frame(width: oval.width, height: oval.height)
                    .position(x: oval.midX, y: oval.midY)
            }
        }
        .allowsHitTesting(false)
    }
}

struct CameraPreview: UIViewRepresentable {
    let session: AVCaptureSession

    final class PreviewView: UIView {
        override class var layerClass: AnyClass { AVCaptureVideoPreviewLayer.self }
        var previewLayer: AVCaptureVideoPreviewLayer { layer as! AVCaptureVideoPreviewLayer }
    }

    func makeUIView(context: Context) -> PreviewView {
        let view = PreviewView()
        view.previewLayer.session = session
        view.previewLayer.videoGravity = .resizeAspectFill
        return view
    }

    func updateUIView(_ uiView: PreviewView, context: Context) {}
}
