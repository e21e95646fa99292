import AVFoundation
import Precheck

/// Front camera → BGRA frames → `Engine.analyzeFrame` on a serial queue (drops late frames).
final class CameraController: NSObject, AVCaptureVideoDataOutputSampleBufferDelegate {
    let session = AVCaptureSession()
    private let engine: Engine
    private let queue = DispatchQueue(label: "dev.precheck.camera")
    private let onResult: (Result<FrameReport, Error>, Int64) -> Void
    private var configured = false

    init(engine: Engine, onResult: @escaping (Result<FrameReport, Error>, Int64) -> Void) {
        self.engine = engine
        self.onResult = onResult
    }

    func start() {
        queue.async { [self] in
            if !configured { configure() }
            if !session.isRunning { session.startRunning() }
        }
    }

    func stop() {
        queue.async { [self] in
            if session.isRunning { session.stopRunning() }
        }
    }

    private func configure() {
        configured = true
        session.beginConfiguration()
        session.sessionPreset = .vga640x480
        guard
            let device = AVCaptureDevice.default(.builtInWideAngleCamera, for: .video, position: .front),
            let input = try? AVCaptureDeviceInput(device: device),
            session.canAddInput(input)
        else {
            session.commitConfiguration()
            onResult(.failure(CameraError.noFrontCamera), 0)
            return
        }
        session.addInput(input)
        let output = AVCaptureVideoDataOutput()
        output.videoSettings = [kCVPixelBufferPixelFormatTypeKey as String: kCVPixelFormatType_32BGRA]
        output.alwaysDiscardsLateVideoFrames = true
        output.setSampleBufferDelegate(self, queue: queue)
        if session.canAddOutput(output) { session.addOutput(output) }
        // Let AVFoundation deliver upright, mirrored frames: the core then needs no rotation.
        if let connection = output.connection(with: .video) {
            if connection.isVideoOrientationSupported { connection.videoOrientation = .portrait }
            if connection.isVideoMirroringSupported { connection.isVideoMirrored = true }
        }
        session.commitConfiguration()
    }

    func captureOutput(
        _ output: AVCaptureOutput,
        didOutput sampleBuffer: CMSampleBuffer,
        from connection: AVCaptureConnection
    ) {
        guard let buffer = CMSampleBufferGetImageBuffer(sampleBuffer) else { return }
        let time = CMSampleBufferGetPresentationTimeStamp(sampleBuffer)
        let timestampMs = Int64(CMTimeGetSeconds(time) * 1000)
        let result = Result {
            try PixelBufferFrame.withFrame(buffer, rotation: .deg0, mirrored: false, timestampMs: timestampMs) {
                frame, pixels in try engine.analyzeFrame(frame: frame, pixels: pixels)
            }
        }
        onResult(result, timestampMs)
    }

    enum CameraError: LocalizedError {
        case noFrontCamera
        var errorDescription: String? { "No front camera available" }
    }
}
