-- SHA-256 and HMAC-SHA256 in pure LuaJIT (FIPS 180-4, RFC 2104), for signing webhook bodies
-- inside wrk: wrk embeds LuaJIT without any crypto module, and every request of the benchmark
-- must carry a fresh X-Hub-Signature-256 because every body carries fresh wamids.
--
-- Written for LuaJIT's trace compiler: 32-bit words stay in the `bit` library's int32 domain
-- (bit.tobit after each addition), the message schedule lives in one reused table, and the
-- key-dependent first block of both HMAC passes is hashed once per key, not once per message.
--
-- Checked against `openssl dgst -sha256 -hmac` by bench/wrk/hmac_check.sh.

local bit = require("bit")
local band, bor, bxor, bnot = bit.band, bit.bor, bit.bxor, bit.bnot
local rshift, lshift, ror, tobit, tohex = bit.rshift, bit.lshift, bit.ror, bit.tobit, bit.tohex
local byte, char, rep, sub = string.byte, string.char, string.rep, string.sub
local floor = math.floor

local K = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}
for i = 1, 64 do K[i] = tobit(K[i]) end

local INITIAL = {
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
}
for i = 1, 8 do INITIAL[i] = tobit(INITIAL[i]) end

local W = {} -- message schedule, reused by every block (wrk threads each have their own Lua state)

-- Runs the compression function over the 64-byte blocks of `s` from byte `first` (1-based) to
-- `last`, updating the 8-word state table `H` in place.
local function compress(H, s, first, last)
  local h1, h2, h3, h4, h5, h6, h7, h8 = H[1], H[2], H[3], H[4], H[5], H[6], H[7], H[8]
  for offset = first, last, 64 do
    for j = 0, 15 do
      local a, b, c, d = byte(s, offset + j * 4, offset + j * 4 + 3)
      W[j] = bor(lshift(a, 24), lshift(b, 16), lshift(c, 8), d)
    end
    for j = 16, 63 do
      local w15, w2 = W[j - 15], W[j - 2]
      local s0 = bxor(ror(w15, 7), ror(w15, 18), rshift(w15, 3))
      local s1 = bxor(ror(w2, 17), ror(w2, 19), rshift(w2, 10))
      W[j] = tobit(W[j - 16] + s0 + W[j - 7] + s1)
    end
    local a, b, c, d, e, f, g, h = h1, h2, h3, h4, h5, h6, h7, h8
    for j = 0, 63 do
      local S1 = bxor(ror(e, 6), ror(e, 11), ror(e, 25))
      local ch = bxor(band(e, f), band(bnot(e), g))
      local t1 = h + S1 + ch + K[j + 1] + W[j]
      local S0 = bxor(ror(a, 2), ror(a, 13), ror(a, 22))
      local maj = bxor(band(a, b), band(a, c), band(b, c))
      h, g, f, e = g, f, e, tobit(d + t1)
      d, c, b, a = c, b, a, tobit(t1 + S0 + maj)
    end
    h1, h2, h3, h4 = tobit(h1 + a), tobit(h2 + b), tobit(h3 + c), tobit(h4 + d)
    h5, h6, h7, h8 = tobit(h5 + e), tobit(h6 + f), tobit(h7 + g), tobit(h8 + h)
  end
  H[1], H[2], H[3], H[4], H[5], H[6], H[7], H[8] = h1, h2, h3, h4, h5, h6, h7, h8
end

local function be32(x)
  return char(band(rshift(x, 24), 255), band(rshift(x, 16), 255), band(rshift(x, 8), 255), band(x, 255))
end

-- Finishes a hash whose state `H` already covers `prefixBytes` bytes, with `tail` as the rest of
-- the message. Returns the 32-byte digest as a binary string.
local function finish(H, prefixBytes, tail)
  local total = prefixBytes + #tail
  local padLength = 64 - (#tail + 9) % 64
  if padLength == 64 then padLength = 0 end
  local bits = total * 8
  -- Bodies here are far below 2^32 bytes, but the length field is 64 bits: split it honestly.
  local padded = tail .. "\128" .. rep("\0", padLength) .. be32(floor(bits / 4294967296)) .. be32(bits % 4294967296)
  compress(H, padded, 1, #padded)
  return be32(H[1]) .. be32(H[2]) .. be32(H[3]) .. be32(H[4]) .. be32(H[5]) .. be32(H[6]) .. be32(H[7]) .. be32(H[8])
end

local function copy(H)
  return { H[1], H[2], H[3], H[4], H[5], H[6], H[7], H[8] }
end

local M = {}

function M.sha256(message)
  return finish(copy(INITIAL), 0, message)
end

function M.tohex(binary)
  local out = {}
  for i = 1, #binary, 4 do
    local a, b, c, d = byte(binary, i, i + 3)
    out[#out + 1] = tohex(bor(lshift(a, 24), lshift(b, 16), lshift(c, 8), d), 8)
  end
  return table.concat(out)
end

-- Returns a function body -> lowercase hex HMAC-SHA256, the format of X-Hub-Signature-256.
function M.hmac_sha256_hex(key)
  if #key > 64 then key = M.sha256(key) end
  key = key .. rep("\0", 64 - #key)
  local ipad, opad = {}, {}
  for i = 1, 64 do
    local k = byte(key, i)
    ipad[i] = char(bxor(k, 0x36))
    opad[i] = char(bxor(k, 0x5c))
  end
  local inner, outer = copy(INITIAL), copy(INITIAL)
  compress(inner, table.concat(ipad), 1, 64)
  compress(outer, table.concat(opad), 1, 64)
  return function(message)
    local innerDigest = finish(copy(inner), 64, message)
    return M.tohex(finish(copy(outer), 64, innerDigest))
  end
end

-- wrk's Debian build links OpenSSL's libcrypto (for https), so LuaJIT's FFI can reach its HMAC:
-- about 20 times cheaper per 3 KB body than the Lua code above, which matters because wrk has one
-- core and a signature per request. Returns nil when libcrypto is not reachable.
local function libcrypto_signer(key)
  local ok, ffi = pcall(require, "ffi")
  if not ok then return nil end
  pcall(ffi.cdef, [[
    typedef struct evp_md_st EVP_MD;
    const EVP_MD *EVP_sha256(void);
    unsigned char *HMAC(const EVP_MD *evp_md, const void *key, int key_len,
                        const unsigned char *d, size_t n, unsigned char *md, unsigned int *md_len);
  ]])
  local lib
  for _, candidate in ipairs({ "C", "libcrypto.so.3", "crypto" }) do
    local found, l = pcall(function()
      local library = candidate == "C" and ffi.C or ffi.load(candidate)
      local _ = library.HMAC -- raises when the symbol is missing
      return library
    end)
    if found then lib = l break end
  end
  if not lib then return nil end

  local md, mdLength = ffi.new("unsigned char[32]"), ffi.new("unsigned int[1]")
  local sha256 = lib.EVP_sha256()
  local hexByte = {}
  for i = 0, 255 do hexByte[i] = string.format("%02x", i) end
  local parts = {}
  return function(message)
    lib.HMAC(sha256, key, #key, message, #message, md, mdLength)
    for i = 0, 31 do parts[i + 1] = hexByte[md[i]] end
    return table.concat(parts)
  end
end

-- The fastest signer available, after proving on sample bodies that it agrees with the pure-Lua
-- one (itself checked against OpenSSL's command line by hmac_check.sh). Returns signer, name.
function M.signer(key)
  local pure = M.hmac_sha256_hex(key)
  local fast = libcrypto_signer(key)
  if fast then
    for _, sample in ipairs({ "", "x", rep("{\"a\":1}", 500) }) do
      if fast(sample) ~= pure(sample) then error("libcrypto HMAC disagrees with the pure-Lua HMAC") end
    end
    return fast, "libcrypto via LuaJIT FFI"
  end
  return pure, "pure LuaJIT"
end

return M
