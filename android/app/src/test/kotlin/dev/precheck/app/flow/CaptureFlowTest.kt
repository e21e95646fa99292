package dev.precheck.app.flow

import dev.precheck.PrecheckException
import dev.precheck.core.ChallengeKind
import dev.precheck.core.Language
import dev.precheck.core.PromptCode
import dev.precheck.core.SessionState
import dev.precheck.core.SessionUpdate
import dev.precheck.prompt
import dev.precheck.promptMessage
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The selfie screen's state handling, on session answers built as plain data. */
class CaptureFlowTest {
    private fun update(
        tMs: Long,
        code: PromptCode?,
        state: SessionState = SessionState.POSITIONING,
        challenge: ChallengeKind? = null,
        index: Int = 0,
        progress: Float = 0f,
        language: Language = Language.EN,
    ) = SessionUpdate(
        tMs = tMs,
        state = state,
        prompt = code?.let { prompt(it, language) },
        challenge = challenge,
        challengeIndex = index.toUInt(),
        challengeCount = 4u,
        progress = progress,
        faceFound = code != PromptCode.FACE_NOT_FOUND,
        issues = emptyList(),
        failure = null,
        sample = null,
        events = emptyList(),
        passiveScore = null,
    )

    @Test
    fun `the session's prompt is shown in the user's language`() {
        val flow = CaptureFlow(Language.FR)
        val state = flow.onUpdate(update(0, PromptCode.FACE_NOT_FOUND, language = Language.FR)) as CaptureState.Guiding
        assertEquals(PromptCode.FACE_NOT_FOUND, state.prompt?.code)
        assertEquals(promptMessage(PromptCode.FACE_NOT_FOUND, Language.FR), state.prompt?.message)
    }

    @Test
    fun `challenge, step and progress come from the session, completion asks to finish`() {
        val flow = CaptureFlow(Language.EN)
        flow.onUpdate(update(0, null))
        val asked = flow.onUpdate(update(500, PromptCode.TURN_LEFT, SessionState.CHALLENGE, ChallengeKind.TURN_LEFT, index = 1, progress = 0.4f))
        // The first answer (no prompt) is still settling: the debouncer holds it 400 ms.
        assertTrue(asked is CaptureState.Guiding)
        val held = flow.onUpdate(update(1_000, PromptCode.TURN_LEFT, SessionState.CHALLENGE, ChallengeKind.TURN_LEFT, index = 1, progress = 0.45f))
        held as CaptureState.Guiding
        assertEquals(PromptCode.TURN_LEFT, held.prompt?.code)
        assertEquals(ChallengeKind.TURN_LEFT, held.challenge)
        assertEquals(2, held.step)
        assertEquals(4, held.steps)
        assertEquals(0.45f, held.progress)
        assertEquals(CaptureState.Finishing, flow.onUpdate(update(1_100, PromptCode.DONE, SessionState.COMPLETED, progress = 1f)))
        assertEquals(CaptureState.Finishing, flow.onUpdate(update(1_200, null)), "finishing is kept until the result")
        flow.restart()
        assertEquals(CaptureState.Starting, flow.state)
    }

    @Test
    fun `a failed session or a user who gives up ends the selfie step`() {
        val failed = CaptureFlow(Language.EN)
        failed.onUpdate(update(0, null))
        assertEquals(CaptureState.Finishing, failed.onUpdate(update(100, PromptCode.WRONG_ACTION, SessionState.FAILED)))
        val slow = CaptureFlow(Language.EN, maxSelfieMs = 10_000)
        slow.onUpdate(update(5_000, PromptCode.FACE_NOT_FOUND))
        assertTrue(slow.onUpdate(update(14_900, PromptCode.FACE_NOT_FOUND)) is CaptureState.Guiding)
        assertEquals(CaptureState.Finishing, slow.onUpdate(update(15_000, PromptCode.FACE_NOT_FOUND)))
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
        val state = flow.onError(PrecheckException.RetryCooldown("too many failed attempts: try again in 600000 ms"))
        assertEquals(CaptureState.Failed("too many failed attempts: try again in 600000 ms"), state)
    }

    @Test
    fun `device locales fall back to English`() {
        assertEquals(Language.ZH_HANT, CaptureFlow.languageFor("zh-Hant-HK"))
        assertEquals(Language.EN, CaptureFlow.languageFor("de-DE"))
    }
}
