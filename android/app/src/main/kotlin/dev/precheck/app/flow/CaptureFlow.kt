package dev.precheck.app.flow

import dev.precheck.FlowResult
import dev.precheck.PrecheckException
import dev.precheck.core.ChallengeKind
import dev.precheck.core.Language
import dev.precheck.core.Prompt
import dev.precheck.core.SessionState
import dev.precheck.core.SessionUpdate
import dev.precheck.languageFromLocale
import dev.precheck.prompt

/** What the selfie screen shows. */
sealed interface CaptureState {
    /** Camera starting, no frame analysed yet. */
    data object Starting : CaptureState

    /**
     * Live guidance from the SDK's session: [prompt] is what to do or fix (`null`: hold
     * still), [progress] 0–1 over the whole selfie step, [challenge] the action asked now
     * (number [step] of [steps], from 1).
     */
    data class Guiding(
        val prompt: Prompt?,
        val progress: Float,
        val challenge: ChallengeKind?,
        val step: Int,
        val steps: Int,
    ) : CaptureState

    /** The session completed or ended early: the caller finishes the flow now. */
    data object Finishing : CaptureState

    /** The flow's decision, reasons and evidence bundle. */
    data class Done(val result: FlowResult) : CaptureState

    /** The SDK refused a step (cooldown, late selfie, a caller bug) or failed. */
    data class Failed(val message: String) : CaptureState
}

/**
 * The selfie screen's state from the session's answers (`Flow.pushFrame`), with no Android
 * classes so it is tested on the JVM (`scripts/test-bindings`). The SDK decides the prompt,
 * progress and challenge; this class only steadies the text and says when to finish: when the
 * session says so, or after [maxSelfieMs] on the frames' clock (the user gave up).
 */
class CaptureFlow(
    private val language: Language,
    private val maxSelfieMs: Long = 30_000,
    private val debouncer: PromptDebouncer = PromptDebouncer(),
) {
    var state: CaptureState = CaptureState.Starting
        private set
    private var firstMs: Long? = null

    fun onUpdate(update: SessionUpdate): CaptureState {
        if (state !is CaptureState.Starting && state !is CaptureState.Guiding) return state
        val first = firstMs ?: update.tMs.also { firstMs = it }
        val done = update.state == SessionState.COMPLETED || update.state == SessionState.FAILED
        state = if (done || update.tMs - first >= maxSelfieMs) {
            CaptureState.Finishing
        } else {
            val code = debouncer.update(update.prompt?.code, update.tMs)
            CaptureState.Guiding(
                prompt = code?.let { if (it == update.prompt?.code) update.prompt else prompt(it, language) },
                progress = update.progress.coerceIn(0f, 1f),
                challenge = update.challenge,
                step = minOf(update.challengeIndex.toInt() + 1, update.challengeCount.toInt()),
                steps = update.challengeCount.toInt(),
            )
        }
        return state
    }

    fun onResult(result: FlowResult): CaptureState {
        state = CaptureState.Done(result)
        return state
    }

    fun onError(error: PrecheckException): CaptureState {
        state = CaptureState.Failed(error.message ?: error.toString())
        return state
    }

    fun restart() {
        state = CaptureState.Starting
        firstMs = null
        debouncer.reset()
    }

    companion object {
        /** The SDK language for a device locale tag (`Locale.toLanguageTag()`), English if none. */
        fun languageFor(localeTag: String): Language = languageFromLocale(localeTag) ?: Language.EN
    }
}
