#ifndef KH_CZLIB_SHIM_H
#define KH_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 is a macro, which Swift cannot call: a raw deflate stream (no zlib or gzip
   header), as in ZIP entries. */
static inline int kh_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -15);
}
#endif
