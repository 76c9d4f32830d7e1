#pragma once
/// SHA-256 (FIPS 180-4) for provenance: potential files and config hashes.
#include <string>

namespace betarelax {

/// Lower-case hex digest of a byte string.
std::string sha256_hex(const std::string& bytes);

/// Digest of a file's bytes; throws InputError if it cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace betarelax
