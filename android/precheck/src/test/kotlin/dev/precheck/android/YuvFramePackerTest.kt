package dev.precheck.android

import dev.precheck.FrameReport
import dev.precheck.core.PixelFormat
import dev.precheck.core.Rotation
import java.nio.ByteBuffer
import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * Camera-style YUV_420_888 planes built the way Android devices lay them out (padded rows, the
 * last row cut after its last pixel, chroma interleaved in one buffer as NV21 or NV12, or
 * planar), packed by [YuvFramePacker] and checked byte for byte, then analysed by the real core.
 */
class YuvFramePackerTest {
    private val pad: Byte = 0x55

    /** Planes as a camera delivers them, plus the layouts the packer should produce. */
    private class CameraImage(val width: Int, val height: Int, val y: YuvPlane, val u: YuvPlane, val v: YuvPlane)

    private enum class Layout { NV21_MEMORY, NV12_MEMORY, PLANAR }

    private fun camera(y: ByteArray, u: ByteArray, v: ByteArray, w: Int, h: Int, layout: Layout): CameraImage {
        val cw = (w + 1) / 2
        val ch = (h + 1) / 2
        val yStride = w + 24
        val memory = ByteBuffer.allocateDirect(yStride * h + 4 * (w + 32) * ch + 64)
        fun fill(from: Int, len: Int) { for (i in from until from + len) memory.put(i, pad) }
        fill(0, memory.capacity())
        for (row in 0 until h) for (col in 0 until w) memory.put(row * yStride + col, y[row * w + col])
        val yPlane = YuvPlane(slice(memory, 0, yStride * (h - 1) + w), yStride, 1)
        val chromaStart = yStride * h + 8
        return when (layout) {
            Layout.PLANAR -> {
                val cStride = cw + 12
                val uStart = chromaStart
                val vStart = uStart + cStride * ch
                for (row in 0 until ch) for (col in 0 until cw) {
                    memory.put(uStart + row * cStride + col, u[row * cw + col])
                    memory.put(vStart + row * cStride + col, v[row * cw + col])
                }
                val len = cStride * (ch - 1) + cw
                CameraImage(w, h, yPlane, YuvPlane(slice(memory, uStart, len), cStride, 1), YuvPlane(slice(memory, vStart, len), cStride, 1))
            }
            else -> {
                val cStride = 2 * cw + 16
                val vFirst = layout == Layout.NV21_MEMORY
                for (row in 0 until ch) for (col in 0 until cw) {
                    val at = chromaStart + row * cStride + 2 * col
                    memory.put(at, if (vFirst) v[row * cw + col] else u[row * cw + col])
                    memory.put(at + 1, if (vFirst) u[row * cw + col] else v[row * cw + col])
                }
                val len = cStride * (ch - 1) + 2 * (cw - 1) + 1
                val first = slice(memory, chromaStart, len)
                val second = slice(memory, chromaStart + 1, len)
                val (uBuf, vBuf) = if (vFirst) second to first else first to second
                CameraImage(w, h, yPlane, YuvPlane(uBuf, cStride, 2), YuvPlane(vBuf, cStride, 2))
            }
        }
    }

    private fun slice(memory: ByteBuffer, start: Int, len: Int): ByteBuffer =
        memory.duplicate().also { it.position(start); it.limit(start + len) }.slice()

    private fun packed(image: CameraImage, rotation: Int = 0, mirrored: Boolean = false) =
        YuvFramePacker().pack(image.width, image.height, image.y, image.u, image.v, rotation, mirrored, 1234)

    private fun bytes(buffer: ByteBuffer): ByteArray = ByteArray(buffer.remaining()).also { buffer.duplicate().get(it) }

    /** Expected Y plane in the packed layout: camera rows with their padding, the cut tail zeroed. */
    private fun expectedLuma(y: ByteArray, w: Int, h: Int, stride: Int) = ByteArray(stride * h).also { out ->
        for (row in 0 until h) for (col in 0 until stride) {
            out[row * stride + col] = when {
                col < w -> y[row * w + col]
                row < h - 1 -> pad
                else -> 0
            }
        }
    }

    private fun syntheticPlanes(w: Int, h: Int): Triple<ByteArray, ByteArray, ByteArray> {
        val cw = (w + 1) / 2
        val ch = (h + 1) / 2
        return Triple(
            ByteArray(w * h) { (it * 7 + 3).toByte() },
            ByteArray(cw * ch) { (100 + it).toByte() },
            ByteArray(cw * ch) { (200 - it).toByte() },
        )
    }

    @Test
    fun `semi-planar chroma packs into NV21 whichever of U and V comes first`() {
        val (w, h) = 7 to 5
        val (y, u, v) = syntheticPlanes(w, h)
        for (layout in listOf(Layout.NV21_MEMORY, Layout.NV12_MEMORY)) {
            val image = camera(y, u, v, w, h, layout)
            val result = packed(image, rotation = 270, mirrored = true)
            assertEquals(PixelFormat.NV21, result.frame.format)
            assertEquals(listOf(image.y.rowStride.toUInt(), 8u), result.frame.rowStrides)
            assertEquals(Rotation.DEG270, result.frame.rotation)
            assertTrue(result.frame.mirrored)
            assertEquals(1234L, result.frame.timestampMs)
            val vu = ByteArray(4 * 3 * 2) { i -> if (i % 2 == 0) v[i / 2] else u[i / 2] }
            val expected = expectedLuma(y, w, h, image.y.rowStride) + vu
            assertArrayEquals(expected, bytes(result.pixels), "$layout")
            assertTrue(result.pixels.isDirect)
        }
    }

    @Test
    fun `planar chroma packs into I420 with the camera's strides`() {
        val (w, h) = 7 to 5
        val (y, u, v) = syntheticPlanes(w, h)
        val image = camera(y, u, v, w, h, Layout.PLANAR)
        val result = packed(image)
        assertEquals(PixelFormat.I420, result.frame.format)
        val cs = image.u.rowStride
        assertEquals(listOf(image.y.rowStride, cs, cs).map { it.toUInt() }, result.frame.rowStrides)
        fun chroma(plane: ByteArray) = ByteArray(cs * 3) { i ->
            val row = i / cs
            val col = i % cs
            when {
                col < 4 -> plane[row * 4 + col]
                row < 2 -> pad
                else -> 0
            }
        }
        assertArrayEquals(expectedLuma(y, w, h, image.y.rowStride) + chroma(u) + chroma(v), bytes(result.pixels))
    }

    @Test
    fun `the packer reuses its buffer and refuses impossible input`() {
        val (y, u, v) = syntheticPlanes(8, 6)
        val image = camera(y, u, v, 8, 6, Layout.NV21_MEMORY)
        val packer = YuvFramePacker()
        val first = packer.pack(8, 6, image.y, image.u, image.v, 0, false, 0).pixels
        val second = packer.pack(8, 6, image.y, image.u, image.v, 0, false, 33).pixels
        assertTrue(first === second, "one direct buffer per stream")
        assertFailsWith<IllegalArgumentException> { packer.pack(8, 6, image.y, image.u, image.v, 45, false, 0) }
        assertFailsWith<IllegalArgumentException> {
            packer.pack(8, 6, image.y, image.u, YuvPlane(image.v.buffer, image.v.rowStride, 1), 0, false, 0)
        }
    }

    private fun analyse(result: PackedFrame): FrameReport = TestData.engine.analyzeFrame(result.frame, result.pixels)

    @Test
    fun `a real photo through camera planes gives the same face as its RGBA frame`() {
        val photo = RgbPixels.read(TestData.require("${TestData.DLIB}/${TestData.PHOTO}"))
        val rgba = TestData.engine.analyzeFrame(photo.rgbaFrame(), TestData.directBuffer(photo.rgba())).faces.sortedBy { it.bbox.x }
        assertEquals(2, rgba.size, "the photo's two people")
        val (y, u, v) = photo.yuv420()
        for (layout in Layout.entries) {
            val faces = analyse(packed(camera(y, u, v, photo.width, photo.height, layout))).faces.sortedBy { it.bbox.x }
            assertEquals(rgba.size, faces.size, "$layout: faces")
            for ((face, reference) in faces.zip(rgba)) {
                val iod = distance(reference.landmarks5[0], reference.landmarks5[1])
                val worst = face.landmarks5.zip(reference.landmarks5).maxOf { (a, b) -> distance(a, b) } / iod
                println("YUV $layout vs RGBA: worst of five points ${"%.3f".format(worst)} inter-ocular distances")
                assertTrue(worst < 0.1f, "$layout: points moved by $worst iod")
            }
        }
    }

    @Test
    fun `a sensor-oriented front-camera frame comes out upright`() {
        // Phones' sensors are landscape: the portrait scene arrives turned, with rotationDegrees
        // saying how to turn it back.
        val photo = RgbPixels.read(TestData.require("${TestData.DLIB}/${TestData.PHOTO}"))
        val sensor = photo.rotatedCounterClockwise()
        val (y, u, v) = sensor.yuv420()
        val report = analyse(packed(camera(y, u, v, sensor.width, sensor.height, Layout.NV21_MEMORY), rotation = 90))
        assertEquals(photo.width.toUInt() to photo.height.toUInt(), report.width to report.height)
        assertEquals(2, report.faces.size, "the photo's two people")
        for (face in report.faces) {
            assertTrue(face.landmarks5[0].x < face.landmarks5[1].x, "right eye left of left eye in the upright image")
            assertTrue(kotlin.math.abs(face.pose.roll) < 20f, "upright face, roll ${face.pose.roll}")
        }
    }
}
