package dev.precheck.app.flow

import dev.precheck.core.PromptCode

/**
 * Keeps the prompt on screen steady. The core answers per frame and may alternate between two
 * prompts near a threshold; text that changes several times a second cannot be read. A new
 * prompt (or no prompt) replaces the shown one only after it has been the answer for
 * [settleMs] on the frames' clock. The very first answer is shown at once.
 */
class PromptDebouncer(private val settleMs: Long = 400) {
    private var started = false
    private var shown: PromptCode? = null
    private var candidate: PromptCode? = null
    private var candidateSinceMs = 0L

    /** The prompt to show after a frame at [timestampMs] whose answer was [code]. */
    fun update(code: PromptCode?, timestampMs: Long): PromptCode? {
        if (!started) {
            started = true
            shown = code
            candidate = code
            candidateSinceMs = timestampMs
            return shown
        }
        if (code != candidate) {
            candidate = code
            candidateSinceMs = timestampMs
        }
        if (candidate != shown && timestampMs - candidateSinceMs >= settleMs) {
            shown = candidate
        }
        return shown
    }

    fun reset() {
        started = false
        shown = null
        candidate = null
    }
}
