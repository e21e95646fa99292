package dev.precheck.app

import android.content.Context
import dev.precheck.app.flow.RetryStateStore

/** The retry state JSON the SDK hands back, kept in the app's private preferences. */
class PrefsRetryStateStore(context: Context) : RetryStateStore {
    private val prefs = context.getSharedPreferences("precheck", Context.MODE_PRIVATE)

    override fun load(): String? = prefs.getString(KEY, null)

    override fun save(json: String) {
        prefs.edit().putString(KEY, json).apply()
    }

    private companion object {
        const val KEY = "retry_state_json"
    }
}
