package dev.precheck.app

import android.Manifest
import android.content.Intent
import android.content.pm.PackageManager
import android.os.Bundle
import android.widget.ProgressBar
import android.widget.TextView
import android.widget.Toast
import androidx.activity.result.contract.ActivityResultContracts
import androidx.appcompat.app.AppCompatActivity
import androidx.camera.core.CameraSelector
import androidx.camera.core.ImageAnalysis
import androidx.camera.core.Preview
import androidx.camera.lifecycle.ProcessCameraProvider
import androidx.camera.view.PreviewView
import androidx.core.content.ContextCompat
import dev.precheck.Engine
import dev.precheck.ModelFile
import dev.precheck.PrecheckException
import dev.precheck.android.YuvFramePacker
import dev.precheck.android.pack
import dev.precheck.app.flow.CaptureFlow
import dev.precheck.app.flow.CaptureState
import java.util.Locale
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors

/**
 * Front camera → `ImageAnalysis` (YUV_420_888, latest frame only) → the SDK on the analysis
 * thread → [CaptureFlow] → oval overlay and prompt on the UI thread. Today each frame goes to
 * the stateless `Engine.analyzeFrame`; with the session API it becomes `Session.pushFrame`.
 */
class MainActivity : AppCompatActivity() {
    private lateinit var analysisExecutor: ExecutorService
    private lateinit var promptView: TextView
    private lateinit var progressView: ProgressBar
    private val packer = YuvFramePacker()
    private val flow by lazy { CaptureFlow(CaptureFlow.languageFor(Locale.getDefault().toLanguageTag())) }
    private var engine: Engine? = null
    /** The result screen is opened once per capture (later frames still report Captured). */
    private var resultShown = false

    private val permission = registerForActivityResult(ActivityResultContracts.RequestPermission()) { granted ->
        if (granted) startCamera() else {
            Toast.makeText(this, R.string.camera_permission_needed, Toast.LENGTH_LONG).show()
            finish()
        }
    }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        setContentView(R.layout.activity_main)
        promptView = findViewById(R.id.prompt)
        progressView = findViewById(R.id.progress)
        analysisExecutor = Executors.newSingleThreadExecutor()
        if (ContextCompat.checkSelfPermission(this, Manifest.permission.CAMERA) == PackageManager.PERMISSION_GRANTED) {
            startCamera()
        } else {
            permission.launch(Manifest.permission.CAMERA)
        }
    }

    override fun onResume() {
        super.onResume()
        resultShown = false
        analysisExecutor.execute { flow.restart() }  // the flow lives on the analysis thread
    }

    override fun onDestroy() {
        super.onDestroy()
        analysisExecutor.shutdown()
        engine?.close()
    }

    /** Models from the APK's assets, verified against their pinned sha256 by the SDK. */
    private fun loadEngine(): Engine {
        val names = assets.list("models").orEmpty().filter { it.endsWith(".onnx") }
        val files = names.map { name -> ModelFile(name, assets.open("models/$name").use { it.readBytes() }, null) }
        return Engine.fromModelFiles(files)
    }

    private fun startCamera() {
        val providerFuture = ProcessCameraProvider.getInstance(this)
        providerFuture.addListener({
            val provider = providerFuture.get()
            val preview = Preview.Builder().build().also {
                it.surfaceProvider = findViewById<PreviewView>(R.id.preview).surfaceProvider
            }
            val analysis = ImageAnalysis.Builder()
                .setOutputImageFormat(ImageAnalysis.OUTPUT_IMAGE_FORMAT_YUV_420_888)
                .setBackpressureStrategy(ImageAnalysis.STRATEGY_KEEP_ONLY_LATEST)
                .build()
            analysis.setAnalyzer(analysisExecutor) { image ->
                image.use {
                    val state = try {
                        val engine = engine ?: loadEngine().also { engine = it }
                        val packed = packer.pack(it, mirrored = true)
                        flow.onReport(engine.analyzeFrame(packed.frame, packed.pixels), packed.frame.timestampMs)
                    } catch (e: PrecheckException) {
                        flow.onError(e)
                    }
                    runOnUiThread { render(state) }
                }
            }
            provider.unbindAll()
            provider.bindToLifecycle(this, CameraSelector.DEFAULT_FRONT_CAMERA, preview, analysis)
        }, ContextCompat.getMainExecutor(this))
    }

    private fun render(state: CaptureState) {
        when (state) {
            CaptureState.Starting -> promptView.text = ""
            is CaptureState.Guiding -> {
                promptView.text = state.prompt?.message ?: "✓"
                progressView.progress = (state.progress * 100).toInt()
            }
            is CaptureState.Captured -> if (!resultShown) {
                resultShown = true
                startActivity(ResultActivity.intent(this, state.report))
            }
            is CaptureState.Failed -> if (!resultShown) {
                resultShown = true
                startActivity(Intent(this, ResultActivity::class.java).putExtra(ResultActivity.ERROR, state.message))
            }
        }
    }
}
