package dev.precheck.app

import android.content.Context
import dev.precheck.RetryStateStore

/** The SDK's retry state JSON, kept in the app's private preferences (read and written by the flow). */
class PrefsRetryStateStore(context: Context) : RetryStateStore {
    private val prefs = context.getSharedPreferences("precheck", Context.MODE_PRIVATE)

    override fun load(): String? = prefs.getString(KEY, null)

    override fun save(stateJson: String) {
        prefs.edit().putString(KEY, stateJson).apply()
    }

    private companion object {
        const val KEY = "retry_state_json"
    }
}
