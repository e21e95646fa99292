package dev.precheck.app

import android.Manifest
import android.content.Intent
import android.content.pm.PackageManager
import android.net.Uri
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
import dev.precheck.FlowOptions
import dev.precheck.ModelFile
import dev.precheck.PrecheckException
import dev.precheck.android.YuvFramePacker
import dev.precheck.android.pack
import dev.precheck.app.flow.CaptureFlow
import dev.precheck.app.flow.CaptureState
import dev.precheck.app.flow.KycAttempt
import dev.precheck.core.DocumentKind
import java.text.SimpleDateFormat
import java.util.Date
import java.util.Locale
import java.util.UUID
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors

/**
 * The whole pre-check in one screen: the user picks a photo of their document, then the front
 * camera runs the selfie step. `ImageAnalysis` (YUV_420_888, latest frame only) → the SDK's
 * `Flow.pushFrame` on the analysis thread → [CaptureFlow] → prompt, challenge and progress on
 * the UI thread; when the session is done the flow is finished (bundle signed by the Keystore
 * key, retry state stored) and the result screen shows the decision.
 */
class MainActivity : AppCompatActivity() {
    private lateinit var analysisExecutor: ExecutorService
    private lateinit var promptView: TextView
    private lateinit var progressView: ProgressBar
    private val packer = YuvFramePacker()
    private val language by lazy { CaptureFlow.languageFor(Locale.getDefault().toLanguageTag()) }
    private val screen by lazy { CaptureFlow(language) }
    private var engine: Engine? = null
    /** The running attempt; touched only on the analysis thread. */
    private var attempt: KycAttempt? = null
    /** Where the screen is; touched only on the UI thread. */
    private var stage = Stage.IDLE

    private enum class Stage { IDLE, PICKING, SELFIE, RESULT }

    private val permission = registerForActivityResult(ActivityResultContracts.RequestPermission()) { granted ->
        if (granted) startCamera() else {
            Toast.makeText(this, R.string.camera_permission_needed, Toast.LENGTH_LONG).show()
            finish()
        }
    }

    private val pickDocument = registerForActivityResult(ActivityResultContracts.GetContent()) { uri ->
        if (uri == null) finish() else {
            stage = Stage.SELFIE
            analysisExecutor.execute { startAttempt(uri) }
        }
    }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        setContentView(R.layout.activity_main)
        promptView = findViewById(R.id.prompt)
        progressView = findViewById(R.id.progress)
        analysisExecutor = Executors.newSingleThreadExecutor()
    }

    override fun onResume() {
        super.onResume()
        // First start, or back from the result screen: a new attempt starts with the document.
        if (stage == Stage.IDLE || stage == Stage.RESULT) {
            stage = Stage.PICKING
            promptView.setText(R.string.pick_document)
            pickDocument.launch("image/*")
        }
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

    /** On the analysis thread: starts the flow (refused during a cooldown), checks the document. */
    private fun startAttempt(document: Uri) {
        val state = try {
            val engine = engine ?: loadEngine().also { engine = it }
            val options = FlowOptions(
                // A real deployment gets the nonce and the salt from its server.
                nonce = UUID.randomUUID().toString(),
                language = language,
                documentKind = DocumentKind.UNKNOWN,
                today = SimpleDateFormat("yyyy-MM-dd", Locale.US).format(Date()),
                documentSalt = DEMO_SALT.toByteArray(),
            )
            val kyc = KycAttempt(engine, options, PrefsRetryStateStore(this), KeystoreSigner.create())
            val bytes = contentResolver.openInputStream(document)?.use { it.readBytes() }
                ?: throw PrecheckException.InvalidInput("cannot read the picked document")
            kyc.submitDocument(bytes)
            kyc.startSelfie()
            attempt = kyc
            screen.restart()
            runOnUiThread { requestCamera() }
            CaptureState.Starting
        } catch (e: PrecheckException) {
            screen.onError(e)
        }
        runOnUiThread { render(state) }
    }

    private fun requestCamera() {
        if (ContextCompat.checkSelfPermission(this, Manifest.permission.CAMERA) == PackageManager.PERMISSION_GRANTED) {
            startCamera()
        } else {
            permission.launch(Manifest.permission.CAMERA)
        }
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
                    val kyc = attempt ?: return@use
                    val state = try {
                        val packed = packer.pack(it, mirrored = true)
                        when (val next = screen.onUpdate(kyc.pushFrame(packed.frame, packed.pixels))) {
                            CaptureState.Finishing -> {
                                attempt = null
                                screen.onResult(kyc.finish())
                            }
                            else -> next
                        }
                    } catch (e: PrecheckException) {
                        attempt = null
                        screen.onError(e)
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
                val step = if (state.challenge != null) "${state.step}/${state.steps}  " else ""
                promptView.text = step + (state.prompt?.message ?: "✓")
                progressView.progress = (state.progress * 100).toInt()
            }
            CaptureState.Finishing -> progressView.progress = 100
            is CaptureState.Done -> if (stage != Stage.RESULT) {
                stage = Stage.RESULT
                startActivity(ResultActivity.intent(this, state.result))
            }
            is CaptureState.Failed -> if (stage != Stage.RESULT) {
                stage = Stage.RESULT
                startActivity(Intent(this, ResultActivity::class.java).putExtra(ResultActivity.ERROR, state.message))
            }
        }
    }

    private companion object {
        /** Keys the document-number hash; a deployment's own secret, served by its backend. */
        const val DEMO_SALT = "precheck-demo-deployment-salt"
    }
}
