package dev.precheck.app.flow

import dev.precheck.BoundingBox
import dev.precheck.EyesOpen
import dev.precheck.Face
import dev.precheck.FrameReport
import dev.precheck.HeadPose
import dev.precheck.Language
import dev.precheck.Point
import dev.precheck.PrecheckException
import dev.precheck.PromptCode
import dev.precheck.promptMessage
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The capture screen's state handling, on reports built as plain data. */
class CaptureFlowTest {
    private val face = Face(
        bbox = BoundingBox(100f, 120f, 200f, 220f),
        score = 0.9f,
        landmarks5 = List(5) { Point(150f + 20 * it, 200f) },
        pose = HeadPose(0f, 0f, 0f),
        eyesOpen = EyesOpen(1f, 1f),
        mouthOpen = 0f,
        landmarkConfidence = 0.99f,
    )

    private fun report(faces: Int) = FrameReport(480u, 640u, List(faces) { face })

    @Test
    fun `no face asks for the face in the user's language`() {
        val flow = CaptureFlow(Language.FR)
        val state = flow.onReport(report(0), 0) as CaptureState.Guiding
        assertEquals(PromptCode.FACE_NOT_FOUND, state.prompt?.code)
        assertEquals(promptMessage(PromptCode.FACE_NOT_FOUND, Language.FR), state.prompt?.message)
    }

    @Test
    fun `one face held long enough is captured, progress grows meanwhile`() {
        val flow = CaptureFlow(Language.EN, holdMs = 1_000)
        flow.onReport(report(0), 0)
        var last = 0f
        for (t in 100L..1_000L step 100) {
            val state = flow.onReport(report(1), t)
            assertTrue(state is CaptureState.Guiding, "still guiding at $t")
            val progress = (state as CaptureState.Guiding).progress
            assertTrue(progress >= last, "progress never goes back")
            last = progress
        }
        val done = flow.onReport(report(1), 1_100)
        assertTrue(done is CaptureState.Captured, "captured after holding: $done")
        assertEquals(1_100L, (done as CaptureState.Captured).timestampMs)
        assertTrue(flow.onReport(report(0), 1_200) is CaptureState.Captured, "captured is final until restart")
        flow.restart()
        assertEquals(CaptureState.Starting, flow.state)
    }

    @Test
    fun `losing the face restarts the hold`() {
        val flow = CaptureFlow(Language.EN, holdMs = 1_000)
        flow.onReport(report(1), 0)
        flow.onReport(report(1), 900)
        flow.onReport(report(2), 950)
        val state = flow.onReport(report(1), 1_100)
        assertTrue(state is CaptureState.Guiding && state.progress < 0.2f, "hold restarted: $state")
    }

    @Test
    fun `a flickering answer does not flicker on screen`() {
        val debouncer = PromptDebouncer(settleMs = 400)
        assertEquals(PromptCode.FACE_NOT_FOUND, debouncer.update(PromptCode.FACE_NOT_FOUND, 0))
        // Alternating every 100 ms: the shown prompt stays.
        for (t in 100L..1_000L step 100) {
            val answer = if (t % 200 == 0L) PromptCode.FACE_NOT_FOUND else PromptCode.MULTIPLE_FACES
            assertEquals(PromptCode.FACE_NOT_FOUND, debouncer.update(answer, t))
        }
        // A steady new answer wins after the settle time.
        assertEquals(PromptCode.FACE_NOT_FOUND, debouncer.update(PromptCode.MULTIPLE_FACES, 1_100))
        assertEquals(PromptCode.MULTIPLE_FACES, debouncer.update(PromptCode.MULTIPLE_FACES, 1_500))
        assertEquals(PromptCode.MULTIPLE_FACES, debouncer.update(null, 1_600))
        assertNull(debouncer.update(null, 2_000))
    }

    @Test
    fun `an SDK error ends the capture with its message`() {
        val flow = CaptureFlow(Language.EN)
        val state = flow.onError(PrecheckException.InvalidFrame("invalid frame: buffer too short"))
        assertEquals(CaptureState.Failed("invalid frame: buffer too short"), state)
    }

    @Test
    fun `device locales fall back to English`() {
        assertEquals(Language.ZH_HANT, CaptureFlow.languageFor("zh-Hant-HK"))
        assertEquals(Language.EN, CaptureFlow.languageFor("de-DE"))
    }
}
