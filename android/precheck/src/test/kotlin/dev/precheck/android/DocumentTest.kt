package dev.precheck.android

import dev.precheck.IdNumberDetails
import dev.precheck.PrecheckException
import dev.precheck.checkIdNumber
import dev.precheck.checkMrz
import dev.precheck.compareTypedData
import dev.precheck.core.CnIdKind
import dev.precheck.core.ConsistencyField
import dev.precheck.core.DateOrder
import dev.precheck.core.DiagnosisCode
import dev.precheck.core.DocumentKind
import dev.precheck.core.IdNumberReason
import dev.precheck.core.Language
import dev.precheck.core.MrzCheckField
import dev.precheck.core.MrzFormat
import dev.precheck.core.PromptCode
import dev.precheck.core.Severity
import dev.precheck.core.Sex
import dev.precheck.core.TypedData
import dev.precheck.core.Verdict
import dev.precheck.documentDataFromMrz
import dev.precheck.readMrzImage
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** MRZ, ID numbers and document capture through the generated Kotlin, on the shared vectors and specimens. */
class DocumentTest {
    private val today = "2026-11-23"

    /** The lines of the vector whose source ends with [source] in `mrz_vectors/vectors.json`. */
    private fun mrzVector(source: String): List<String> {
        val json = TestData.require("mrz_vectors/vectors.json").readText()
        val entry = Regex("\"source\":\\s*\"[^\"]*${Regex.escape(source)}\",\\s*\"lines\":\\s*\\[([^\\]]*)\\]").find(json)
        val lines = requireNotNull(entry) { "no MRZ vector from $source" }.groupValues[1]
        return Regex("\"([^\"]*)\"").findAll(lines).map { it.groupValues[1] }.toList()
    }

    @Test
    fun `a TD1 vector parses with its fields and check digits`() {
        val lines = mrzVector("mrz_checker_samples/id_card_esp.py")
        val report = checkMrz(lines.joinToString("\n"), today)
        println("id_card_esp: ${report.format} valid ${report.valid} ${report.fields}")
        assertEquals(MrzFormat.TD1, report.format)
        assertTrue(report.valid, "checks ${report.checks}")
        assertEquals(lines, report.lines, "nothing to repair")
        assertEquals("ESPANOLA ESPANOLA", report.fields.surname)
        assertEquals("CARMEN", report.fields.givenNames)
        assertEquals("ESP", report.fields.issuingState)
        assertEquals("F", report.fields.sex)
        assertEquals("1980-01-01", report.fields.birthDate)
        assertEquals("2025-01-01", report.fields.expiryDate)
        assertEquals(true, report.expired, "expired on 2025-01-01, today is $today")
        assertEquals(setOf(MrzCheckField.DOCUMENT_NUMBER, MrzCheckField.BIRTH_DATE, MrzCheckField.EXPIRY_DATE, MrzCheckField.COMPOSITE),
            report.checks.map { it.field }.toSet())
    }

    @Test
    fun `a wrong check digit is reported, not thrown, and garbage is a typed InvalidMrz error`() {
        val lines = mrzVector("mrz_checker_samples/id_card_esp.py").toMutableList()
        // Birth date 800101, check digit 4 → 5 (no OCR repair turns a digit into another digit).
        lines[1] = lines[1].replaceRange(6, 7, "5")
        val report = checkMrz(lines.joinToString("\n"), today)
        assertFalse(report.valid)
        assertEquals(false, report.checks.single { it.field == MrzCheckField.BIRTH_DATE }.valid)

        val error = assertFailsWith<PrecheckException.InvalidMrz> { checkMrz("P<UTO\nshort", today) }
        println("InvalidMrz: ${error.message}")
        assertFailsWith<PrecheckException.InvalidArgument> { checkMrz(lines.joinToString("\n"), "23/11/2026") }
    }

    @Test
    fun `labelled CN ID numbers get their expected verdict`() {
        val json = TestData.require("cn_id_vectors/vectors.json").readText()
        val labelled = Regex("\"number\":\\s*\"([^\"]*)\",\\s*\"expected\":\\s*\"(valid|invalid)\"").findAll(json)
            .map { it.groupValues[1] to (it.groupValues[2] == "valid") }.toList()
        assertTrue(labelled.size >= 10, "labelled vectors: ${labelled.size}")
        val wrong = labelled.filter { (number, valid) -> checkIdNumber("CN", number, today).valid != valid }
        println("CN ID vectors: ${labelled.size - wrong.size}/${labelled.size} as labelled")
        assertEquals(emptyList<Pair<String, Boolean>>(), wrong)

        val check = checkIdNumber("CHN", "360426199101010071", today)
        assertEquals("1991-01-01", check.birthDate)
        assertEquals(Sex.MALE, check.sex)
        val details = assertIs<IdNumberDetails.Cn>(check.details)
        assertEquals(CnIdKind.RESIDENT_ID, details.kind)
        assertEquals("360426", details.region?.code)

        val bad = checkIdNumber("CN", "360426199101010072", today)
        assertEquals(IdNumberReason.CHECKSUM, bad.reason)
        assertFailsWith<PrecheckException.UnsupportedCountry> { checkIdNumber("DE", "T22000129", today) }
    }

    @Test
    fun `the MRZ of a passport specimen is read from its photo`() {
        val file = TestData.require("id_docs/konstantint+PassportEye/tests/data/passport-td3.jpg")
        val reading = requireNotNull(readMrzImage(file.readBytes(), today)) { "no MRZ found in $file" }
        println("passport-td3.jpg: ${reading.report.lines} confidence ${reading.confidence}")
        // The ICAO 9303 specimen (PassportEye's tests/mrz_test.py states these lines).
        assertEquals(listOf("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"), reading.report.lines)
        assertTrue(reading.report.valid)
        assertEquals(4, reading.band.size)

        val noMrz = TestData.require("id_docs/sivakumar-mahalingam+fastmrz/data/nomrz.jpg")
        assertNull(readMrzImage(noMrz.readBytes(), today))
    }

    @Test
    fun `a passport specimen is found with its corners and portrait`() {
        val file = TestData.require("id_docs/konstantint+PassportEye/tests/data/passport-td3.jpg")
        val report = TestData.engine.checkDocument(file.readBytes(), DocumentKind.PASSPORT)
        println("passport-td3.jpg: found ${report.found} fill ${report.fillRatio} portrait ${report.portraitBox} issues ${report.issues}")
        assertTrue(report.found)
        assertEquals(4, report.corners.size)
        report.corners.forEach { assertTrue(it.x >= -1f && it.x <= report.width.toFloat() + 1f && it.y >= -1f && it.y <= report.height.toFloat() + 1f, "$it") }
        val portrait = requireNotNull(report.portraitBox) { "no portrait" }
        // ICAO TD3 data page: the portrait sits in the left part of the page, above the MRZ.
        assertTrue(portrait.x + portrait.width / 2 < report.width.toFloat() / 2, "portrait $portrait")
    }

    @Test
    fun `checkDocument reads the MRZ when given today, as the CLI does`() {
        val file = TestData.require("id_docs/konstantint+PassportEye/tests/data/passport-td3.jpg")
        val bytes = file.readBytes()
        assertNull(TestData.engine.checkDocument(bytes, DocumentKind.PASSPORT).mrz, "no today: no MRZ read")
        val report = TestData.engine.checkDocument(bytes, DocumentKind.PASSPORT, today)
        val mrz = requireNotNull(report.mrz) { "no MRZ in the report: ${report.issues}" }
        assertEquals("L898902C36UTO7408122F1204159ZE184226B<<<<<10", mrz.lines.last())
        assertEquals("ERIKSSON", mrz.fields.surname)
        assertEquals("1974-08-12", mrz.fields.birthDate)
        // The specimen expired in 2012.
        assertEquals(true, mrz.expired)
        assertTrue(report.issues.any { it.code == PromptCode.DOC_EXPIRED }, "${report.issues}")
        assertFailsWith<PrecheckException.InvalidArgument> {
            TestData.engine.checkDocument(bytes, DocumentKind.PASSPORT, "2026-02-30")
        }
    }

    @Test
    fun `a hand-held capture too far away is flagged DOC_TOO_SMALL`() {
        val file = TestData.require("id_docs/DocsaidLab+MRZScanner/docs/test_mrz.jpg")
        val report = TestData.engine.checkDocument(file.readBytes(), DocumentKind.UNKNOWN)
        println("test_mrz.jpg: ${report.issues}")
        assertTrue(report.found)
        assertTrue(report.issues.any { it.code == PromptCode.DOC_TOO_SMALL }, "${report.issues}")
        assertTrue(report.issues.zipWithNext().all { (a, b) -> a.severity >= b.severity }, "errors first")
    }

    @Test
    fun `a PDF is a FILE_FORMAT issue for documents and a typed error for face images`() {
        val pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".toByteArray()
        val report = TestData.engine.checkDocument(pdf, DocumentKind.ID_CARD)
        assertFalse(report.found)
        assertEquals(listOf(PromptCode.FILE_FORMAT), report.issues.map { it.code })
        assertFailsWith<PrecheckException.UnsupportedImageFormat> { TestData.engine.analyzeEncodedImage(pdf) }
    }

    @Test
    fun `typed data is compared with what the MRZ says, with diagnoses in the user's language`() {
        val mrz = mrzVector("mrz_checker_samples/td2_uto.py").joinToString("\n")
        val document = documentDataFromMrz(mrz, today)
        assertEquals("ERIKSSON", document.surname)
        assertEquals("1974-08-12", document.birthDate)

        val typed = TypedData(
            surname = "Eriksson", givenNames = "Anna Maria", birthDate = "12/08/1974", birthDateOrder = DateOrder.DMY,
            documentNumber = "D23145890", nationality = "UTO", cnIdNumber = null,
        )
        val report = compareTypedData(typed, document, today, Language.FR)
        println("typed vs td2_uto: $report")
        assertTrue(report.consistent && !report.exact, "$report")
        val name = report.fields.single { it.field == ConsistencyField.NAME }
        assertEquals(Verdict.EQUIVALENT, name.verdict)
        assertEquals(listOf(DiagnosisCode.NAME_CASE_OR_SPACING), name.diagnoses.map { it.code })
        assertTrue(name.diagnoses.single().message.isNotBlank())
        assertEquals(Verdict.EXACT, report.fields.single { it.field == ConsistencyField.DOCUMENT_NUMBER }.verdict)

        val swapped = compareTypedData(typed.copy(birthDate = "08/12/1974"), document, today, Language.EN)
        val date = swapped.fields.single { it.field == ConsistencyField.BIRTH_DATE }
        assertEquals(Verdict.MISMATCH, date.verdict)
        assertEquals(listOf(DiagnosisCode.DATE_DAY_MONTH_SWAPPED), date.diagnoses.map { it.code })
        assertFalse(swapped.consistent)
    }
}
