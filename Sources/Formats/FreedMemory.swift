#if canImport(Glibc)
import Glibc
#endif

/// Hands memory freed after reading large files back to the system. Parsing a province's GeoJSON builds and drops
/// hundreds of megabytes of Foundation objects; glibc keeps those pages in its heap, so a long-running
/// service would sit on them (measured: 703 MB resident after loading the synthetic province).
public enum FreedMemory {
    public static func release() {
        #if canImport(Glibc)
        // Looked up at run time: malloc_trim is glibc's, not in Swift's Glibc module, and other C
        // libraries (musl) lack it.
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }  // nil: RTLD_DEFAULT
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
