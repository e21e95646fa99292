package dev.precheck.android

import dev.precheck.Engine
import dev.precheck.FrameReport
import dev.precheck.ModelFile
import dev.precheck.PrecheckException
import dev.precheck.core.Rotation
import java.io.File
import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The real engine through the generated Kotlin: real models, real photos, typed errors. */
class EngineTest {
    private val photo get() = TestData.require("${TestData.DLIB}/${TestData.PHOTO}")
    private val reference get() = Dlib68.read(
        TestData.require("${TestData.DLIB}/testing_with_face_landmarks.xml"),
        TestData.PHOTO,
    )

    @Test
    fun `loads the real models and reports their hashes`() {
        val models = TestData.engine.loadedModels()
        assertEquals(
            TestData.MODEL_FILES,
            models.map { it.name },
        )
        models.forEach { assertTrue(Regex("[0-9a-f]{64}").matches(it.sha256), it.sha256) }
    }

    /**
     * Both annotated faces found, each matched to the detected face nearest its eyes, with each
     * of the five points within a margin of dlib's reference (in inter-ocular distances).
     */
    private fun assertPlausible(report: FrameReport, what: String) {
        assertEquals(reference.size, report.faces.size, "$what: faces ${report.faces}")
        for (truth in reference.map { it.fivePoints() }) {
            val iod = distance(truth[0], truth[1])
            val face = report.faces.minBy { distance(it.landmarks5[0], truth[0]) + distance(it.landmarks5[1], truth[1]) }
            val errors = face.landmarks5.zip(truth).map { (ours, theirs) -> distance(ours, theirs) / iod }
            println("$what: five-point error / inter-ocular distance ${errors.map { "%.3f".format(it) }}")
            // Eye centres are well defined (10 % ≈ 2.5 px here); nose tip and mouth corners are
            // placed a little differently by dlib and FaceMesh, so they get a wider margin.
            assertTrue(errors[0] < 0.15 && errors[1] < 0.15, "$what: eye centres off: $errors")
            assertTrue(errors.drop(2).all { it < 0.35 }, "$what: nose or mouth corners off: $errors")
            assertTrue(face.score > 0.5f && face.landmarkConfidence > 0.5f, "$what: weak face $face")
            val box = face.bbox
            face.landmarks5.forEach {
                assertTrue(it.x in box.x..(box.x + box.width) && it.y in box.y..(box.y + box.height), "$what: $it outside $box")
            }
        }
    }

    @Test
    fun `analyses a real photo passed as an RGBA frame`() {
        val pixels = RgbPixels.read(photo)
        val report = TestData.engine.analyzeFrame(pixels.rgbaFrame(), TestData.directBuffer(pixels.rgba()))
        assertEquals(pixels.width.toUInt(), report.width)
        assertEquals(pixels.height.toUInt(), report.height)
        assertPlausible(report, "RGBA frame")
    }

    @Test
    fun `analyses the encoded photo the same way`() {
        val report = TestData.engine.analyzeEncodedImage(photo.readBytes())
        assertPlausible(report, "encoded JPEG")
    }

    @Test
    fun `rotation and mirroring cross the FFI`() {
        val upright = RgbPixels.read(photo)
        val turned = upright.rotatedCounterClockwise()
        val report = TestData.engine.analyzeFrame(turned.rgbaFrame(Rotation.DEG90), TestData.directBuffer(turned.rgba()))
        assertEquals(upright.width.toUInt(), report.width, "DEG90 makes the frame upright again")
        assertPlausible(report, "rotated frame with DEG90")

        val mirrored = TestData.engine.analyzeFrame(upright.rgbaFrame(mirrored = true), TestData.directBuffer(upright.rgba()))
        val plain = TestData.engine.analyzeFrame(upright.rgbaFrame(), TestData.directBuffer(upright.rgba()))
        assertEquals(plain.faces.size, mirrored.faces.size)
        for (face in plain.faces) {
            val nose = face.landmarks5[2]
            val mirroredNose = mirrored.faces.minOf { kotlin.math.abs(it.landmarks5[2].y - nose.y) + kotlin.math.abs(it.landmarks5[2].x - (upright.width - nose.x)) }
            assertTrue(mirroredNose < 4f, "no mirrored face has its nose at x ${upright.width - nose.x}, y ${nose.y}")
        }
    }

    @Test
    fun `one engine serves several threads at once`() {
        val pixels = RgbPixels.read(photo)
        val rgba = pixels.rgba()
        val expected = TestData.engine.analyzeFrame(pixels.rgbaFrame(), TestData.directBuffer(rgba))
        val pool = java.util.concurrent.Executors.newFixedThreadPool(3)
        try {
            val results = (0 until 6).map {
                pool.submit<FrameReport> { TestData.engine.analyzeFrame(pixels.rgbaFrame(), TestData.directBuffer(rgba)) }
            }.map { it.get() }
            results.forEach { assertEquals(expected, it, "same frame, same report on every thread") }
        } finally {
            pool.shutdown()
        }
    }

    @Test
    fun `a buffer of the wrong length is a typed InvalidFrame error`() {
        val pixels = RgbPixels.read(photo)
        val short = pixels.rgba().copyOf(pixels.width * pixels.height * 4 - 1)
        val error = assertFailsWith<PrecheckException.InvalidFrame> {
            TestData.engine.analyzeFrame(pixels.rgbaFrame(), TestData.directBuffer(short))
        }
        val message = requireNotNull(error.message)
        assertTrue(message.startsWith("invalid frame:") && '\n' !in message, message)
        println("InvalidFrame: $message")
    }

    @Test
    fun `a non-direct buffer is refused before reaching Rust`() {
        val pixels = RgbPixels.read(photo)
        assertFailsWith<IllegalArgumentException> {
            TestData.engine.analyzeFrame(pixels.rgbaFrame(), java.nio.ByteBuffer.wrap(pixels.rgba()))
        }
    }

    @Test
    fun `undecodable bytes are a typed InvalidImage error`() {
        val truncated = photo.readBytes().let { it.copyOf(it.size / 2) }
        assertFailsWith<PrecheckException.InvalidImage> { TestData.engine.analyzeEncodedImage(truncated) }
        assertFailsWith<PrecheckException.InvalidImage> { TestData.engine.analyzeEncodedImage("not an image".toByteArray()) }
    }

    @Test
    fun `models from bundled bytes load, damaged or unknown ones are typed errors`() {
        // The required models as an app bundles them (the bytes path knows no optional slots).
        val files = TestData.REQUIRED_MODEL_FILES.map {
            ModelFile(it, File(TestData.modelDir, it).readBytes(), null)
        }
        val engine = Engine.fromModelFiles(files)
        engine.use {
            assertEquals(TestData.engine.loadedModels().take(files.size), it.loadedModels())
        }

        val damaged = files.mapIndexed { i, f ->
            if (i == 1) f.copy(data = f.data.copyOf().also { it[it.size / 2] = (it[it.size / 2] + 1).toByte() }) else f
        }
        val corrupted = assertFailsWith<PrecheckException.ModelCorrupted> { Engine.fromModelFiles(damaged) }
        assertTrue("sha256 mismatch" in corrupted.message.orEmpty(), corrupted.message)

        assertFailsWith<PrecheckException.InvalidArgument> {
            Engine.fromModelFiles(files + ModelFile("other.onnx", byteArrayOf(1), null))
        }
        assertFailsWith<PrecheckException.ModelUnavailable> { Engine.fromModelFiles(files.take(1)) }
        assertFailsWith<PrecheckException.ModelUnavailable> { Engine("/nonexistent/models") }
    }
}
