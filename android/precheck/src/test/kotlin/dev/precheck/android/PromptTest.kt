package dev.precheck.android

import dev.precheck.core.Language
import dev.precheck.core.PromptCode
import dev.precheck.languageFromLocale
import dev.precheck.languageTag
import dev.precheck.prompt
import dev.precheck.promptCodeFromId
import dev.precheck.promptCodeId
import dev.precheck.promptMessage
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Prompt codes and their localised messages through the generated Kotlin. */
class PromptTest {
    @Test
    fun `every code has a message in every language`() {
        assertEquals(47, PromptCode.entries.size, "DESIGN §5 lists 47 codes")
        for (code in PromptCode.entries) {
            val english = promptMessage(code, Language.EN)
            for (language in Language.entries) {
                val message = promptMessage(code, language)
                assertTrue(message.isNotBlank() && '\n' !in message, "$code/$language: '$message'")
                if (language != Language.EN) assertNotEquals(english, message, "$code/$language is untranslated")
            }
        }
    }

    @Test
    fun `messages differ by language and by script`() {
        val en = promptMessage(PromptCode.FACE_NOT_FOUND, Language.EN)
        val fr = promptMessage(PromptCode.FACE_NOT_FOUND, Language.FR)
        val hans = promptMessage(PromptCode.FACE_NOT_FOUND, Language.ZH_HANS)
        println("FACE_NOT_FOUND: en '$en', fr '$fr', zh-Hans '$hans'")
        assertTrue(en.all { it.code < 128 }, "English is ASCII: $en")
        assertTrue(hans.any { Character.UnicodeScript.of(it.code) == Character.UnicodeScript.HAN }, "zh-Hans uses Han: $hans")
        assertEquals(prompt(PromptCode.FACE_NOT_FOUND, Language.FR).message, fr)
    }

    @Test
    fun `contract strings and aliases map to codes`() {
        assertEquals("EYES_COVERED", promptCodeId(PromptCode.EYES_COVERED))
        assertEquals(PromptCode.EYES_COVERED, promptCodeFromId("FV-07"))
        assertEquals(PromptCode.MRZ_CHECK_FAILED, promptCodeFromId("MRZ_CHECK_FAILED"))
        assertNull(promptCodeFromId("face_not_found"))
        PromptCode.entries.forEach { assertEquals(it, promptCodeFromId(promptCodeId(it))) }
    }

    @Test
    fun `device locales map to languages`() {
        assertEquals(Language.ZH_HANT, languageFromLocale("zh-TW"))
        assertEquals(Language.ZH_HANS, languageFromLocale("zh_CN"))
        assertEquals(Language.FR, languageFromLocale("fr-CA"))
        assertNull(languageFromLocale("de-DE"))
        assertEquals("zh-Hant", languageTag(Language.ZH_HANT))
    }
}
