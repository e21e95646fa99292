package dev.precheck.app

import android.content.Context
import android.content.Intent
import android.os.Bundle
import android.widget.Button
import android.widget.TextView
import androidx.appcompat.app.AppCompatActivity
import dev.precheck.FlowResult
import dev.precheck.core.Decision
import dev.precheck.core.RetryStatus

/** The flow's decision and reasons (or the error that ended it) and a retry button. */
class ResultActivity : AppCompatActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        setContentView(R.layout.activity_result)
        val error = intent.getStringExtra(ERROR)
        findViewById<TextView>(R.id.title).text = error?.let { "Check not completed" } ?: intent.getStringExtra(TITLE).orEmpty()
        findViewById<TextView>(R.id.details).text = error ?: intent.getStringExtra(SUMMARY).orEmpty()
        findViewById<Button>(R.id.retry).setOnClickListener { finish() }
    }

    companion object {
        const val ERROR = "error"
        private const val TITLE = "title"
        private const val SUMMARY = "summary"

        /** A result screen for [result]; the bundle itself goes to the app's server, not here. */
        fun intent(context: Context, result: FlowResult): Intent {
            val title = when (result.decision) {
                Decision.PASS -> "Pre-check passed"
                Decision.REVIEW -> "A person will review your check"
                Decision.FAIL -> "Pre-check failed"
            }
            val live = result.liveness
            val summary = buildString {
                appendLine("decision    ${result.decision.name.lowercase()}")
                result.reasons.forEach { appendLine("  · $it") }
                appendLine("face match  ${result.faceMatch.similarity?.let { "%.2f".format(it) } ?: "–"} ${result.faceMatch.decision ?: ""}")
                appendLine("liveness    active ${live.active.verdict}, passive ${live.passive.verdict}, depth ${live.depth.verdict}")
                appendLine("document    ${if (result.document.mrz?.valid == true) "MRZ valid" else "no valid MRZ"}")
                appendLine(when (val retry = result.retryStatus) {
                    is RetryStatus.Allowed -> "attempts    ${retry.attemptsLeft} left"
                    is RetryStatus.Cooldown -> "attempts    next in ${retry.remainingMs / 60_000} min"
                    RetryStatus.Escalated -> "attempts    handed over to a person"
                })
                appendLine("bundle      ${result.bundleDigest.take(16)}…")
            }
            return Intent(context, ResultActivity::class.java).putExtra(TITLE, title).putExtra(SUMMARY, summary)
        }
    }
}
