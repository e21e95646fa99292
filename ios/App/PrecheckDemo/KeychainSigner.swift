import CryptoKit
import Foundation
import Precheck
import Security

/// The evidence bundle's Ed25519 signing key. The Secure Enclave holds only P-256 keys, so the
/// key is a CryptoKit Curve25519 key whose raw bytes live in the Keychain, readable only on this
/// device while it is unlocked; the SDK only receives the public key and signatures.
final class KeychainSigner: Signer, @unchecked Sendable {
    private let key: Curve25519.Signing.PrivateKey

    private init(key: Curve25519.Signing.PrivateKey) {
        self.key = key
    }

    /// The app's key under `account`, generated and stored on first use.
    static func load(account: String = "dev.precheck.evidence") throws -> KeychainSigner {
        let query: [String: Any] = [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrAccount as String: account,
            kSecReturnData as String: true,
        ]
        var item: CFTypeRef?
        if SecItemCopyMatching(query as CFDictionary, &item) == errSecSuccess, let data = item as? Data {
            return KeychainSigner(key: try Curve25519.Signing.PrivateKey(rawRepresentation: data))
        }
        let key = Curve25519.Signing.PrivateKey()
        let add: [String: Any] = [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrAccount as String: account,
            kSecAttrAccessible as String: kSecAttrAccessibleWhenUnlockedThisDeviceOnly,
            kSecValueData as String: key.rawRepresentation,
        ]
        let status = SecItemAdd(add as CFDictionary, nil)
        guard status == errSecSuccess else {
            throw SignerError.Failed(reason: "Keychain: cannot store the key (OSStatus \(status))")
        }
        return KeychainSigner(key: key)
    }

    func publicKey() throws -> Data {
        key.publicKey.rawRepresentation
    }

    func sign(message: Data) throws -> Data {
        do {
            return try key.signature(for: message)
        } catch {
            throw SignerError.Failed(reason: "CryptoKit: \(error.localizedDescription)")
        }
    }
}
