package dev.precheck.android

import dev.precheck.QualityUpdate
import dev.precheck.SelfieChecker
import dev.precheck.core.Language
import dev.precheck.core.PromptCode
import dev.precheck.promptMessage
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * Selfie quality on a stream of real video frames through the generated Kotlin: frames decoded
 * by ffmpeg, packed like CameraX `YUV_420_888` planes by [YuvFramePacker], pushed into one
 * [SelfieChecker].
 */
class SelfieCheckerTest {
    private val clip = "videos/OpenTalker+SadTalker/examples/ref_video/WDA_AlexandriaOcasioCortez_000.mp4"
    private val fps = 10
    private val size = 512 // the clip is 512 × 512

    /** The whole clip's frames as RGB, `fps` per second (ffmpeg writes raw RGB to a pipe). */
    private fun frames(): List<RgbPixels> = ClipFrames.read(clip, fps, 0.0, Int.MAX_VALUE, size)

    private fun darkened(pixels: RgbPixels, k: Double) =
        RgbPixels(pixels.width, pixels.height, ByteArray(pixels.rgb.size) { ((pixels.rgb[it].toInt() and 0xFF) * k).toInt().toByte() })

    private fun push(checker: SelfieChecker, packer: YuvFramePacker, pixels: RgbPixels, tMs: Long): QualityUpdate {
        val (y, u, v) = pixels.yuv420()
        val cw = (pixels.width + 1) / 2
        val packed = packer.pack(
            pixels.width, pixels.height,
            YuvPlane(TestData.directBuffer(y), pixels.width, 1),
            YuvPlane(TestData.directBuffer(u), cw, 1),
            YuvPlane(TestData.directBuffer(v), cw, 1),
            rotationDegrees = 0, mirrored = true, timestampMs = tMs,
        )
        return checker.pushFrame(packed.frame, packed.pixels)
    }

    @Test
    fun `a dark start prompts, then the real clip clears the prompt and becomes ready`() {
        val clipFrames = frames()
        assertTrue(clipFrames.size >= 60, "frames: ${clipFrames.size}")
        val checker = SelfieChecker(TestData.engine, Language.FR)
        val packer = YuvFramePacker()
        val darkCount = 15 // 1.5 s at 10 fps, far longer than the prompt's confirmation time
        val updates = clipFrames.mapIndexed { i, frame ->
            val pixels = if (i < darkCount) darkened(frame, 0.12) else frame
            push(checker, packer, pixels, i * 1000L / fps)
        }
        val timeline = updates.mapIndexed { i, u -> "$i:${u.prompt?.code ?: if (u.ready) "ready" else "-"}" }
        println("SelfieChecker timeline: ${timeline.joinToString(" ")}")

        val dark = updates.take(darkCount)
        val darkPrompts = dark.mapNotNull { it.prompt?.code }.toSet()
        assertTrue(darkPrompts.isNotEmpty(), "no prompt on the darkened frames")
        assertTrue(darkPrompts.all { it == PromptCode.TOO_DARK || it == PromptCode.FACE_NOT_FOUND }, "dark frames prompted $darkPrompts")
        assertTrue(dark.none { it.ready })
        dark.mapNotNull { it.prompt }.forEach { assertEquals(promptMessage(it.code, Language.FR), it.message, "message in French") }

        val clean = updates.drop(darkCount)
        val ready = clean.count { it.ready }
        println("clean frames: ${clean.size}, ready ${ready}, with a face ${clean.count { it.face != null }}")
        assertTrue(clean.takeLast(20).none { it.prompt?.code == PromptCode.TOO_DARK }, "TOO_DARK stays after the light came back")
        assertTrue(clean.all { it.face != null }, "the face is tracked on every clean frame")
        assertTrue(ready > 0, "no clean frame is ready")
        clean.filter { it.ready }.forEach { assertTrue(it.issues.isEmpty() && it.prompt == null) }

        // After a reset the history is gone: a dark frame is not prompted at once (one bad
        // frame is not a prompt), the stream starts afresh.
        checker.reset()
        val first = push(checker, packer, darkened(clipFrames[0], 0.12), 100_000L)
        assertEquals(null, first.prompt)
        assertTrue(!first.ready && first.issues.isNotEmpty())
    }

    @Test
    fun `one photo gets the per-frame checks with a prompt in the requested language`() {
        val photo = TestData.require("${TestData.DLIB}/${TestData.PHOTO}")
        val update = TestData.engine.checkSelfiePhoto(photo.readBytes(), Language.JA)
        println("${TestData.PHOTO} (two people): ${update.issues} prompt ${update.prompt}")
        assertTrue(update.issues.any { it.code == PromptCode.MULTIPLE_FACES }, "${update.issues}")
        val prompt = requireNotNull(update.prompt)
        assertEquals(promptMessage(prompt.code, Language.JA), prompt.message)
        assertTrue(!update.ready && update.face != null)
    }
}
