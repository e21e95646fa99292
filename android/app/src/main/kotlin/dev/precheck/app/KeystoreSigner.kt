package dev.precheck.app

import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import dev.precheck.Signer
import dev.precheck.SignerException
import java.security.KeyPairGenerator
import java.security.KeyStore
import java.security.PrivateKey
import java.security.Signature
import java.security.spec.ECGenParameterSpec

/**
 * The evidence bundle's signing key, held by the Android Keystore (hardware-backed where the
 * device has it): the private key never leaves it, the SDK only receives signatures. Ed25519 in
 * the Keystore needs Android 13 (API 33); [create] returns `null` before that and the app sends
 * unsigned bundles (the server then relies on its own checks).
 */
class KeystoreSigner private constructor(private val alias: String) : Signer {
    private val keyStore = KeyStore.getInstance(PROVIDER).apply { load(null) }

    override fun publicKey(): ByteArray {
        val encoded = keyStore.getCertificate(alias)?.publicKey?.encoded
            ?: throw SignerException.Failed("no key $alias in the Android Keystore")
        // X.509 SubjectPublicKeyInfo of an Ed25519 key: a fixed 12-byte header, then the raw key.
        return encoded.copyOfRange(encoded.size - 32, encoded.size)
    }

    override fun sign(message: ByteArray): ByteArray = try {
        val key = keyStore.getKey(alias, null) as PrivateKey
        Signature.getInstance("Ed25519").run {
            initSign(key)
            update(message)
            sign()
        }
    } catch (e: java.security.GeneralSecurityException) {
        throw SignerException.Failed("Android Keystore: ${e.message ?: e.javaClass.simpleName}")
    }

    companion object {
        private const val PROVIDER = "AndroidKeyStore"

        /** The app's key under [alias], generated on first use; `null` below Android 13. */
        fun create(alias: String = "precheck-evidence"): KeystoreSigner? {
            if (Build.VERSION.SDK_INT < Build.VERSION_CODES.TIRAMISU) return null
            val keyStore = KeyStore.getInstance(PROVIDER).apply { load(null) }
            if (!keyStore.containsAlias(alias)) {
                val spec = KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_SIGN)
                    .setAlgorithmParameterSpec(ECGenParameterSpec("ed25519"))
                    .setDigests(KeyProperties.DIGEST_NONE)
                    .build()
                KeyPairGenerator.getInstance(KeyProperties.KEY_ALGORITHM_EC, PROVIDER).run {
                    initialize(spec)
                    generateKeyPair()
                }
            }
            return KeystoreSigner(alias)
        }
    }
}
