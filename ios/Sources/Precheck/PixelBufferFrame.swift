import CoreVideo
import Foundation

/// Camera buffers to the core's `Frame`. The pixel bytes are handed over without a copy while
/// the buffer is locked; the core reads them synchronously inside `analyzeFrame`.
public enum PixelBufferFrame {
    /// Errors for buffers the SDK does not take (ask AVCaptureVideoDataOutput for BGRA).
    public enum Unsupported: Error {
        case pixelFormat(OSType)
        case noBaseAddress
    }

    /// Runs `body` with the frame description and the bytes of a BGRA `CVPixelBuffer`.
    ///
    /// - Parameters:
    ///   - rotation: clockwise rotation that makes the image upright (a portrait UI with the
    ///     front camera's landscape sensor: `.deg90`, unless the connection already rotates).
    ///   - mirrored: `true` for the front camera, so coordinates match what the user sees.
    public static func withFrame<T>(
        _ buffer: CVPixelBuffer,
        rotation: Rotation,
        mirrored: Bool,
        timestampMs: Int64,
        _ body: (Frame, Data) throws -> T
    ) throws -> T {
        let format = CVPixelBufferGetPixelFormatType(buffer)
        guard format == kCVPixelFormatType_32BGRA else { throw Unsupported.pixelFormat(format) }
        CVPixelBufferLockBaseAddress(buffer, .readOnly)
        defer { CVPixelBufferUnlockBaseAddress(buffer, .readOnly) }
        guard let base = CVPixelBufferGetBaseAddress(buffer) else { throw Unsupported.noBaseAddress }
        let width = CVPixelBufferGetWidth(buffer)
        let height = CVPixelBufferGetHeight(buffer)
        let bytesPerRow = CVPixelBufferGetBytesPerRow(buffer)
        // The last row may end right after its last pixel: the core accepts that.
        let count = bytesPerRow * (height - 1) + width * 4
        let pixels = Data(bytesNoCopy: base, count: count, deallocator: .none)
        let frame = Frame(
            width: UInt32(width),
            height: UInt32(height),
            format: .bgra8,
            rowStrides: [UInt32(bytesPerRow)],
            rotation: rotation,
            mirrored: mirrored,
            timestampMs: timestampMs
        )
        return try body(frame, pixels)
    }
}
