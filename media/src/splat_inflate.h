#pragma once
// gzip (zlib) and zstd for the SPZ formats, bounded: nothing inflates past the size the
// caller's header check allowed, so a small file cannot claim gigabytes of memory.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace ps::media::splat {

// One gzip member inflated piece by piece.
class GzipInflater {
 public:
  explicit GzipInflater(std::span<const std::uint8_t> compressed);
  ~GzipInflater();
  GzipInflater(const GzipInflater&) = delete;
  GzipInflater& operator=(const GzipInflater&) = delete;

  // Fills `out` from the stream; returns how many bytes it wrote, fewer than out.size() only
  // where the stream ended. "" in `error` unless the data is corrupt or cut short, when it
  // holds a sentence.
  std::size_t read(std::span<std::uint8_t> out, std::string& error);
  // True once the member's end (and its checksum) was reached.
  bool ended() const { return ended_; }
  // Compressed bytes after the member's end.
  std::size_t trailing() const;

 private:
  struct State;
  std::unique_ptr<State> s_;
  bool ended_ = false;
};

// Decompresses the zstd data `in` into exactly `out.size()` bytes; a sentence when it is
// corrupt, holds less, or would hold more.
std::string zstdInflateExactly(std::span<const std::uint8_t> in, std::span<std::uint8_t> out);

// The largest output `compressedBytes` of zstd can make (its densest form, RLE blocks) and of
// deflate: a header claiming more is refused before anything is allocated.
std::uint64_t zstdMaxInflated(std::uint64_t compressedBytes);
std::uint64_t deflateMaxInflated(std::uint64_t compressedBytes);

// Whole-buffer compression for the writers (gzip member; zstd frame).
std::string gzipBytes(std::string_view data);
std::string zstdBytes(std::string_view data);

}  // namespace ps::media::splat
