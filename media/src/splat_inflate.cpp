#include "splat_inflate.h"

#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include <limits>
#include <stdexcept>

namespace ps::media::splat {

struct GzipInflater::State {
  z_stream z{};
  bool ok = false;
};

GzipInflater::GzipInflater(std::span<const std::uint8_t> compressed) : s_(std::make_unique<State>()) {
  s_->z.next_in = const_cast<Bytef*>(compressed.data());  // zlib's API is not const-correct; it only reads
  s_->z.avail_in = static_cast<uInt>(std::min<std::size_t>(compressed.size(), std::numeric_limits<uInt>::max()));
  // 16 + MAX_WBITS: a gzip member, not a raw zlib stream.
  s_->ok = inflateInit2(&s_->z, 16 + MAX_WBITS) == Z_OK;
}

GzipInflater::~GzipInflater() {
  if (s_->ok) inflateEnd(&s_->z);
}

std::size_t GzipInflater::read(std::span<std::uint8_t> out, std::string& error) {
  error.clear();
  if (!s_->ok) {
    error = "zlib's inflateInit2 failed";
    return 0;
  }
  std::size_t done = 0;
  while (done < out.size() && !ended_) {
    s_->z.next_out = out.data() + done;
    const std::size_t want = std::min<std::size_t>(out.size() - done, std::numeric_limits<uInt>::max());
    s_->z.avail_out = static_cast<uInt>(want);
    const int rc = inflate(&s_->z, Z_NO_FLUSH);
    done += want - s_->z.avail_out;
    if (rc == Z_STREAM_END) {
      ended_ = true;
    } else if (rc == Z_BUF_ERROR || (rc == Z_OK && s_->z.avail_in == 0 && s_->z.avail_out > 0)) {
      error = "the gzip stream is cut short";
      return done;
    } else if (rc != Z_OK) {
      error = std::string("the gzip stream is corrupt (zlib: ") + (s_->z.msg ? s_->z.msg : "inflate failed") + ")";
      return done;
    }
  }
  // A read that filled `out` exactly at the stream's end has not seen the end marker yet; one
  // more call with no room lets zlib check the trailer.
  if (done == out.size() && !ended_ && s_->z.avail_in > 0) {
    std::uint8_t probe;
    s_->z.next_out = &probe;
    s_->z.avail_out = 0;
    if (inflate(&s_->z, Z_NO_FLUSH) == Z_STREAM_END) ended_ = true;
  }
  return done;
}

std::size_t GzipInflater::trailing() const { return s_->ok ? s_->z.avail_in : 0; }

std::string zstdInflateExactly(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) {
  const unsigned long long declared = ZSTD_getFrameContentSize(in.data(), in.size());
  if (declared == ZSTD_CONTENTSIZE_ERROR) return "not a zstd frame";
  if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared > out.size())
    return "its zstd frame declares " + std::to_string(declared) + " bytes where " + std::to_string(out.size()) +
           " belong";
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> ctx(ZSTD_createDCtx(), &ZSTD_freeDCtx);
  if (!ctx) return "ZSTD_createDCtx failed";
  const std::size_t n = ZSTD_decompressDCtx(ctx.get(), out.data(), out.size(), in.data(), in.size());
  if (ZSTD_isError(n)) {
    if (ZSTD_getErrorCode(n) == ZSTD_error_dstSize_tooSmall)
      return "it inflates past the " + std::to_string(out.size()) + " bytes its header implies";
    return std::string("zstd: ") + ZSTD_getErrorName(n);
  }
  if (n != out.size())
    return "it inflates to " + std::to_string(n) + " bytes where " + std::to_string(out.size()) + " belong";
  return {};
}

std::uint64_t zstdMaxInflated(std::uint64_t compressedBytes) {
  // An RLE block is 4 bytes for at most 128 KiB.
  return compressedBytes * (128u * 1024u / 4u);
}

std::uint64_t deflateMaxInflated(std::uint64_t compressedBytes) {
  // Deflate's best case is about 1032:1.
  return compressedBytes * 1032u + 1024u;
}

std::string gzipBytes(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib's deflateInit2 failed");
  std::string out;
  char buffer[64 * 1024];
  std::size_t at = 0;
  int rc = Z_OK;
  do {
    const std::size_t piece = std::min<std::size_t>(data.size() - at, 1u << 30);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + at));
    z.avail_in = static_cast<uInt>(piece);
    at += piece;
    const int flush = at == data.size() ? Z_FINISH : Z_NO_FLUSH;
    do {
      z.next_out = reinterpret_cast<Bytef*>(buffer);
      z.avail_out = sizeof buffer;
      rc = deflate(&z, flush);
      out.append(buffer, sizeof buffer - z.avail_out);
    } while (z.avail_out == 0 || (flush == Z_FINISH && rc == Z_OK));
  } while (at < data.size());
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib's deflate failed");
  return out;
}

std::string zstdBytes(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 12);
  if (ZSTD_isError(n)) throw std::runtime_error(std::string("ZSTD_compress failed: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

}  // namespace ps::media::splat
