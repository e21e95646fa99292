package dev.precheck.android

import dev.precheck.Engine
import dev.precheck.LogLevel
import dev.precheck.LogRecord
import dev.precheck.LogSink
import dev.precheck.setLogSink
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.Collections

/** The foreign-trait callback: Rust calls Kotlin back with log records. */
class LogSinkTest {
    @AfterEach
    fun removeSink() = setLogSink(null, LogLevel.INFO)

    @Test
    fun `the host receives the core's log records`() {
        val records = Collections.synchronizedList(mutableListOf<LogRecord>())
        setLogSink(object : LogSink {
            override fun log(record: LogRecord) { records += record }
        }, LogLevel.INFO)
        Engine(TestData.modelDir.path).use { }
        val loaded = records.filter { it.target == "precheck_core::engine" && it.message.startsWith("loaded ") }
        assertTrue(
            loaded.any { "face_detection_short_range.onnx" in it.message } &&
                loaded.any { "face_landmark_prelu2relu.onnx" in it.message },
            "records: $records",
        )
        assertTrue(loaded.all { it.level == LogLevel.INFO })
    }

    @Test
    fun `a sink that throws does not break the SDK`() {
        var calls = 0
        setLogSink(object : LogSink {
            override fun log(record: LogRecord) {
                calls++
                throw IllegalStateException("host logger is broken")
            }
        }, LogLevel.INFO)
        val engine = Engine(TestData.modelDir.path)
        engine.use { assertTrue(it.loadedModels().size == TestData.MODEL_FILES.size) }
        assertTrue(calls >= 2, "the sink was called ($calls) and its exceptions were contained")
    }

    @Test
    fun `records below the level are not sent`() {
        val records = Collections.synchronizedList(mutableListOf<LogRecord>())
        setLogSink(object : LogSink {
            override fun log(record: LogRecord) { records += record }
        }, LogLevel.WARN)
        Engine(TestData.modelDir.path).use { }
        assertTrue(records.none { it.level == LogLevel.INFO }, "records: $records")
    }
}
