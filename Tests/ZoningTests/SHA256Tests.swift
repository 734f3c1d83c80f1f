@testable import Datasets
import Testing
@testable import Zoning

/// Digests from FIPS 180-4's examples (NIST CSRC "SHA256.pdf") and the empty-string digest.
@Suite("SHA-256 for dataset content hashes")
struct SHA256Tests {
    @Test("NIST examples", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func nist(input: String, digest: String) {
        var hash = SHA256()
        hash.update(Array(input.utf8))
        #expect(hash.finalize() == digest)
    }

    @Test("a million 'a' fed in uneven pieces")
    func million() {
        var hash = SHA256()
        var fed = 0
        while fed < 1_000_000 {
            let piece = min(997, 1_000_000 - fed)
            hash.update([UInt8](repeating: 0x61, count: piece))
            fed += piece
        }
        #expect(hash.finalize() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
