package dev.precheck.android

import dev.precheck.Engine
import dev.precheck.Frame
import dev.precheck.core.PixelFormat
import dev.precheck.core.Point
import dev.precheck.core.Rotation
import java.io.File
import java.nio.ByteBuffer
import javax.imageio.ImageIO
import javax.xml.parsers.DocumentBuilderFactory
import kotlin.math.hypot
import kotlin.math.roundToInt
import org.junit.jupiter.api.Assumptions.assumeTrue

/**
 * Shared test material: the repo's real models and the real photos in `../shared/data`, located
 * through system properties that `scripts/test-bindings` sets. Without the data a test is
 * skipped locally and fails under `CI=true` (the script also refuses to count skips there).
 */
object TestData {
    val modelDir: File = File(System.getProperty("precheck.models") ?: "models")
    val dataDir: File = File(System.getProperty("precheck.data") ?: "../shared/data")
    private val ci = System.getenv("CI") == "true"

    const val DLIB = "faces_detect/davisking+dlib/examples/faces"
    /** Two people, both annotated by dlib with 68 points. */
    const val PHOTO = "2009_004587.jpg"

    /**
     * The files the engine loads, in its order: detector, landmarks, face embedder, then the
     * optional passive-liveness models when the folder has them (fetch-models copies those only
     * from a local source; they are in no registry).
     */
    val REQUIRED_MODEL_FILES = listOf("face_detection_short_range.onnx", "face_landmark_prelu2relu.onnx", "MobileFaceNet.onnx")
    val MODEL_FILES = REQUIRED_MODEL_FILES +
        listOf("MiniFASNetV2_2.7_80x80_softmax.onnx", "MiniFASNetV1SE_4.0_80x80_softmax.onnx")
            .filter { File(modelDir, it).exists() }

    /** One engine for the whole run: loading verifies ~4 MB of models. */
    val engine: Engine by lazy { Engine(modelDir.path) }

    fun require(relative: String): File {
        val file = File(dataDir, relative)
        if (!file.exists()) {
            check(!ci) { "test data missing under CI=true: $file" }
            assumeTrue(false, "test data missing: $file")
        }
        return file
    }

    fun directBuffer(bytes: ByteArray): ByteBuffer =
        ByteBuffer.allocateDirect(bytes.size).put(bytes).also { it.flip() }
}

/** An 8-bit RGB image decoded on the JVM (ImageIO), independent of the core's decoder. */
class RgbPixels(val width: Int, val height: Int, val rgb: ByteArray) {
    fun rgba(): ByteArray {
        val out = ByteArray(width * height * 4)
        for (i in 0 until width * height) {
            out[4 * i] = rgb[3 * i]
            out[4 * i + 1] = rgb[3 * i + 1]
            out[4 * i + 2] = rgb[3 * i + 2]
            out[4 * i + 3] = 0xFF.toByte()
        }
        return out
    }

    fun rgbaFrame(rotation: Rotation = Rotation.DEG0, mirrored: Boolean = false) = Frame(
        width = width.toUInt(),
        height = height.toUInt(),
        format = PixelFormat.RGBA8,
        rowStrides = emptyList(),
        rotation = rotation,
        mirrored = mirrored,
        timestampMs = 0,
    )

    /** The image turned 90° counter-clockwise: a frame that needs `Rotation.DEG90` to be upright. */
    fun rotatedCounterClockwise(): RgbPixels {
        val out = ByteArray(rgb.size)
        // Source (x, y) lands at (y, width - 1 - x) in a height × width image.
        for (y in 0 until height) for (x in 0 until width) {
            val dx = y
            val dy = width - 1 - x
            System.arraycopy(rgb, 3 * (y * width + x), out, 3 * (dy * height + dx), 3)
        }
        return RgbPixels(height, width, out)
    }

    /** Cropped or padded (black) to `w` × `h` from the top-left corner. */
    fun fitTo(w: Int, h: Int): RgbPixels {
        val out = ByteArray(w * h * 3)
        for (y in 0 until minOf(h, height)) {
            System.arraycopy(rgb, 3 * y * width, out, 3 * y * w, 3 * minOf(w, width))
        }
        return RgbPixels(w, h, out)
    }

    /** BT.601 full-range planes (what the core's NV21/I420 conversion expects), chroma 2×2 means. */
    fun yuv420(): Triple<ByteArray, ByteArray, ByteArray> {
        val cw = (width + 1) / 2
        val ch = (height + 1) / 2
        val yPlane = ByteArray(width * height)
        val u = ByteArray(cw * ch)
        val v = ByteArray(cw * ch)
        fun px(x: Int, y: Int, c: Int) = rgb[3 * (y * width + x) + c].toInt() and 0xFF
        for (y in 0 until height) for (x in 0 until width) {
            val luma = 0.299 * px(x, y, 0) + 0.587 * px(x, y, 1) + 0.114 * px(x, y, 2)
            yPlane[y * width + x] = luma.roundToInt().coerceIn(0, 255).toByte()
        }
        for (cy in 0 until ch) for (cx in 0 until cw) {
            var r = 0.0; var g = 0.0; var b = 0.0; var n = 0
            for (dy in 0..1) for (dx in 0..1) {
                val x = 2 * cx + dx
                val y = 2 * cy + dy
                if (x < width && y < height) {
                    r += px(x, y, 0); g += px(x, y, 1); b += px(x, y, 2); n++
                }
            }
            r /= n; g /= n; b /= n
            u[cy * cw + cx] = (128 - 0.168736 * r - 0.331264 * g + 0.5 * b).roundToInt().coerceIn(0, 255).toByte()
            v[cy * cw + cx] = (128 + 0.5 * r - 0.418688 * g - 0.081312 * b).roundToInt().coerceIn(0, 255).toByte()
        }
        return Triple(yPlane, u, v)
    }

    companion object {
        fun read(file: File): RgbPixels {
            val image = requireNotNull(ImageIO.read(file)) { "ImageIO cannot read $file" }
            val rgb = ByteArray(image.width * image.height * 3)
            for (y in 0 until image.height) for (x in 0 until image.width) {
                val argb = image.getRGB(x, y)
                val i = 3 * (y * image.width + x)
                rgb[i] = (argb shr 16).toByte()
                rgb[i + 1] = (argb shr 8).toByte()
                rgb[i + 2] = argb.toByte()
            }
            return RgbPixels(image.width, image.height, rgb)
        }
    }
}

/** dlib's reference 68 points for one face (`*_with_face_landmarks.xml`). */
class Dlib68(private val parts: Map<Int, Point>) {
    private fun centroid(range: IntRange): Point {
        val ps = range.map { requireNotNull(parts[it]) { "dlib part $it missing" } }
        return Point(ps.map { it.x }.average().toFloat(), ps.map { it.y }.average().toFloat())
    }

    /** The core's five points in its order: right eye, left eye, nose tip, right and left mouth corner. */
    fun fivePoints(): List<Point> = listOf(
        centroid(36..41),
        centroid(42..47),
        centroid(30..30),
        centroid(48..48),
        centroid(54..54),
    )

    companion object {
        /** The faces annotated for `image` in `xml`. */
        fun read(xml: File, image: String): List<Dlib68> {
            val doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml)
            val images = doc.getElementsByTagName("image")
            for (i in 0 until images.length) {
                val element = images.item(i) as org.w3c.dom.Element
                if (element.getAttribute("file") != image) continue
                val boxes = element.getElementsByTagName("box")
                return (0 until boxes.length).map { b ->
                    val parts = (boxes.item(b) as org.w3c.dom.Element).getElementsByTagName("part")
                    Dlib68((0 until parts.length).associate { p ->
                        val part = parts.item(p) as org.w3c.dom.Element
                        part.getAttribute("name").toInt() to
                            Point(part.getAttribute("x").toFloat(), part.getAttribute("y").toFloat())
                    })
                }
            }
            return emptyList()
        }
    }
}

fun distance(a: Point, b: Point): Float = hypot(a.x - b.x, a.y - b.y)
