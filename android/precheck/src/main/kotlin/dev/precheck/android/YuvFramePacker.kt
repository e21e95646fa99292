package dev.precheck.android

import dev.precheck.Frame
import dev.precheck.core.PixelFormat
import dev.precheck.core.Rotation
import dev.precheck.rotationFromDegrees
import java.nio.ByteBuffer
import java.nio.ByteOrder

/**
 * One plane of a `YUV_420_888` image as CameraX reports it (`ImageProxy.PlaneProxy`): its
 * bytes from the buffer's position to its limit, and its strides. Plain data, so the packing
 * below runs (and is tested) on the JVM without Android classes.
 */
class YuvPlane(val buffer: ByteBuffer, val rowStride: Int, val pixelStride: Int)

/** A frame ready for the core: its geometry and its bytes in a direct buffer (zero copy). */
class PackedFrame(val frame: Frame, val pixels: ByteBuffer)

/**
 * Packs the three planes of a `YUV_420_888` image into one direct buffer laid out as the core's
 * [PixelFormat.NV21] or [PixelFormat.I420] with row strides. The buffer is reused from frame to
 * frame (one packer per analysis stream; not thread-safe).
 *
 * - Luma is copied row block by row block with the camera's row stride kept (no per-pixel work).
 * - Chroma with pixel stride 1 (planar) is copied the same way → I420.
 * - Chroma with pixel stride ≥ 2 (semi-planar, the usual case) is interleaved V,U per pixel
 *   into a tight NV21 plane. Nothing is assumed about whether the U and V buffers overlap in
 *   memory (NV21 vs NV12 devices differ), so the result is right on every layout.
 */
class YuvFramePacker {
    private var packed: ByteBuffer = ByteBuffer.allocateDirect(0)
    private var chromaRow = ByteArray(0)
    private var uRow = ByteArray(0)
    private var vRow = ByteArray(0)

    fun pack(
        width: Int,
        height: Int,
        y: YuvPlane,
        u: YuvPlane,
        v: YuvPlane,
        rotationDegrees: Int,
        mirrored: Boolean,
        timestampMs: Long,
    ): PackedFrame {
        require(width > 0 && height > 0) { "frame size ${width}x$height" }
        require(y.pixelStride == 1) { "luma pixel stride ${y.pixelStride} (YUV_420_888 has 1)" }
        require(u.pixelStride == v.pixelStride && u.rowStride == v.rowStride) {
            "U and V planes differ in strides (${u.pixelStride}/${u.rowStride} vs ${v.pixelStride}/${v.rowStride})"
        }
        val rotation = rotationOf(rotationDegrees)
        val chromaWidth = (width + 1) / 2
        val chromaHeight = (height + 1) / 2
        val lumaBytes = y.rowStride.toLong() * height
        return if (u.pixelStride == 1) {
            val chromaPlane = u.rowStride.toLong() * chromaHeight
            val out = buffer(lumaBytes + 2 * chromaPlane)
            copyPlane(y.buffer, out, y.rowStride.toLong() * height)
            copyPlane(u.buffer, out, chromaPlane)
            copyPlane(v.buffer, out, chromaPlane)
            out.flip()
            PackedFrame(
                frame(width, height, PixelFormat.I420, listOf(y.rowStride, u.rowStride, v.rowStride), rotation, mirrored, timestampMs),
                out,
            )
        } else {
            val chromaStride = chromaWidth * 2
            val out = buffer(lumaBytes + chromaStride.toLong() * chromaHeight)
            copyPlane(y.buffer, out, lumaBytes)
            interleaveVu(u, v, chromaWidth, chromaHeight, out)
            out.flip()
            PackedFrame(
                frame(width, height, PixelFormat.NV21, listOf(y.rowStride, chromaStride), rotation, mirrored, timestampMs),
                out,
            )
        }
    }

    private fun frame(
        width: Int,
        height: Int,
        format: PixelFormat,
        strides: List<Int>,
        rotation: Rotation,
        mirrored: Boolean,
        timestampMs: Long,
    ) = Frame(
        width = width.toUInt(),
        height = height.toUInt(),
        format = format,
        rowStrides = strides.map { it.toUInt() },
        rotation = rotation,
        mirrored = mirrored,
        timestampMs = timestampMs,
    )

    private fun buffer(size: Long): ByteBuffer {
        require(size <= Int.MAX_VALUE) { "frame of $size bytes is too large" }
        if (packed.capacity() < size) {
            packed = ByteBuffer.allocateDirect(size.toInt()).order(ByteOrder.nativeOrder())
        }
        packed.clear()
        return packed
    }

    /**
     * Copies a plane occupying `planeBytes` in the packed layout. Camera buffers often end right
     * after the last pixel (no padding after the last row): the missing tail is zero-filled so
     * the next plane starts where the core expects it.
     */
    private fun copyPlane(source: ByteBuffer, out: ByteBuffer, planeBytes: Long) {
        val src = source.duplicate()
        val available = src.remaining().toLong()
        val take = minOf(available, planeBytes).toInt()
        src.limit(src.position() + take)
        out.put(src)
        repeat((planeBytes - take).toInt()) { out.put(0) }
    }

    private fun interleaveVu(u: YuvPlane, v: YuvPlane, chromaWidth: Int, chromaHeight: Int, out: ByteBuffer) {
        val pixelStride = u.pixelStride
        val rowBytes = (chromaWidth - 1) * pixelStride + 1
        if (chromaRow.size < chromaWidth * 2) chromaRow = ByteArray(chromaWidth * 2)
        if (uRow.size < rowBytes) {
            uRow = ByteArray(rowBytes)
            vRow = ByteArray(rowBytes)
        }
        val uSrc = u.buffer.duplicate()
        val vSrc = v.buffer.duplicate()
        val uStart = uSrc.position()
        val vStart = vSrc.position()
        for (row in 0 until chromaHeight) {
            uSrc.position(uStart + row * u.rowStride)
            vSrc.position(vStart + row * v.rowStride)
            require(uSrc.remaining() >= rowBytes && vSrc.remaining() >= rowBytes) {
                "chroma plane too short for row $row (${rowBytes} bytes needed)"
            }
            uSrc.get(uRow, 0, rowBytes)
            vSrc.get(vRow, 0, rowBytes)
            for (col in 0 until chromaWidth) {
                chromaRow[2 * col] = vRow[col * pixelStride]
                chromaRow[2 * col + 1] = uRow[col * pixelStride]
            }
            out.put(chromaRow, 0, chromaWidth * 2)
        }
    }

    private fun rotationOf(degrees: Int): Rotation =
        rotationFromDegrees(degrees)
            ?: throw IllegalArgumentException("rotation $degrees° is not a multiple of 90")
}
