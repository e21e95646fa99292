package dev.precheck.app

import android.content.Context
import android.content.Intent
import android.os.Bundle
import android.widget.Button
import android.widget.TextView
import androidx.appcompat.app.AppCompatActivity
import dev.precheck.FrameReport
import dev.precheck.PromptCode
import dev.precheck.app.flow.CaptureFlow
import dev.precheck.promptMessage
import java.util.Locale

/** The captured frame's analysis (or the error that ended the capture) and a retry button. */
class ResultActivity : AppCompatActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        setContentView(R.layout.activity_result)
        val language = CaptureFlow.languageFor(Locale.getDefault().toLanguageTag())
        val error = intent.getStringExtra(ERROR)
        findViewById<TextView>(R.id.title).text = error?.let { "Capture failed" } ?: promptMessage(PromptCode.DONE, language)
        findViewById<TextView>(R.id.details).text = error ?: intent.getStringExtra(SUMMARY).orEmpty()
        findViewById<Button>(R.id.retry).setOnClickListener { finish() }
    }

    companion object {
        const val ERROR = "error"
        private const val SUMMARY = "summary"

        fun intent(context: Context, report: FrameReport): Intent {
            val face = report.faces.first()
            val summary = buildString {
                appendLine("frame       ${report.width} × ${report.height}")
                appendLine("face box    %.0f, %.0f, %.0f × %.0f".format(face.bbox.x, face.bbox.y, face.bbox.width, face.bbox.height))
                appendLine("score       %.2f".format(face.score))
                appendLine("yaw/pitch/roll  %.1f° / %.1f° / %.1f°".format(face.pose.yaw, face.pose.pitch, face.pose.roll))
                appendLine("eyes open   L %.2f  R %.2f".format(face.eyesOpen.left, face.eyesOpen.right))
                appendLine("mouth open  %.2f".format(face.mouthOpen))
            }
            return Intent(context, ResultActivity::class.java).putExtra(SUMMARY, summary)
        }
    }
}
