package dev.precheck.app.flow

import dev.precheck.FrameReport
import dev.precheck.Language
import dev.precheck.PrecheckException
import dev.precheck.Prompt
import dev.precheck.PromptCode
import dev.precheck.languageFromLocale
import dev.precheck.prompt

/** What the capture screen shows. */
sealed interface CaptureState {
    /** Camera starting, no frame analysed yet. */
    data object Starting : CaptureState

    /** Live guidance: [prompt] is what to fix, `null` while the user holds a good position. */
    data class Guiding(val prompt: Prompt?, val progress: Float) : CaptureState

    /** A frame that met the conditions long enough: the result screen shows it. */
    data class Captured(val report: FrameReport, val timestampMs: Long) : CaptureState

    /** The SDK refused the input (a caller bug such as a wrong frame layout) or failed. */
    data class Failed(val message: String) : CaptureState
}

/**
 * The capture screen's state from the stream of analysis results, with no Android classes so
 * it is tested on the JVM (`scripts/test-bindings`).
 *
 * Today the core's stateless `analyzeFrame` only reports faces, so the prompt here is the one
 * the face count gives (FACE_NOT_FOUND, MULTIPLE_FACES). When `Session.pushFrame` lands it
 * returns the prompt and progress itself; [onReport]'s face-count step is then replaced by the
 * session's answer and the rest (debounce, hold, states) stays.
 */
class CaptureFlow(
    private val language: Language,
    private val holdMs: Long = 1_500,
    private val debouncer: PromptDebouncer = PromptDebouncer(),
) {
    var state: CaptureState = CaptureState.Starting
        private set
    private var goodSinceMs: Long? = null

    fun onReport(report: FrameReport, timestampMs: Long): CaptureState {
        if (state is CaptureState.Captured || state is CaptureState.Failed) return state
        val code = when {
            report.faces.isEmpty() -> PromptCode.FACE_NOT_FOUND
            report.faces.size > 1 -> PromptCode.MULTIPLE_FACES
            else -> null
        }
        val since = if (code == null) goodSinceMs ?: timestampMs else null
        goodSinceMs = since
        val shown = debouncer.update(code, timestampMs)
        state = if (since != null && timestampMs - since >= holdMs) {
            CaptureState.Captured(report, timestampMs)
        } else {
            val held = if (since == null) 0f else (timestampMs - since).toFloat() / holdMs
            CaptureState.Guiding(shown?.let { prompt(it, language) }, held.coerceIn(0f, 1f))
        }
        return state
    }

    fun onError(error: PrecheckException): CaptureState {
        state = CaptureState.Failed(error.message ?: error.toString())
        return state
    }

    fun restart() {
        state = CaptureState.Starting
        goodSinceMs = null
        debouncer.reset()
    }

    companion object {
        /** The SDK language for a device locale tag (`Locale.toLanguageTag()`), English if none. */
        fun languageFor(localeTag: String): Language = languageFromLocale(localeTag) ?: Language.EN
    }
}
