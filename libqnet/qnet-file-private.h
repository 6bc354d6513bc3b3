/* qnet-file-private.h: QnetFile internals shared by its source files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "qnet-emitter-private.h"
#include "qnet-file.h"

G_BEGIN_DECLS

/* Text conversion (qnet-file-text.c) */

/* What QnetFile needs to know about a character encoding. */
typedef struct
{
  char     *name;             /* (owned) canonical name, e.g. "UTF-8", "ISO-8859-1" */
  gboolean  is_utf8;          /* no conversion at all, only validation */
  gboolean  ascii_compatible; /* bytes 0x0A and 0x0D always mean LF and CR */
  guint     bom_len;          /* bytes a fresh encoder writes before the first character */
} QnetFileCodec;

typedef enum
{
  QNET_FILE_DECODE_OK,         /* converted everything it was allowed to */
  QNET_FILE_DECODE_INCOMPLETE, /* stopped at a character cut by the end of the input */
  QNET_FILE_DECODE_INVALID,    /* stopped at bytes that are not valid in the encoding */
} QnetFileDecodeStatus;

/* A decoder for one read call (it keeps no state across calls). */
typedef struct
{
  const QnetFileCodec *codec;
  GIConv               cd; /* (GIConv) -1 for UTF-8 */
} QnetFileDecoder;

char                 *_qnet_file_canonical_encoding (const char          *encoding);
gboolean              _qnet_file_codec_init         (QnetFileCodec       *codec,
                                                     const char          *encoding,
                                                     GError             **error);
void                  _qnet_file_codec_clear        (QnetFileCodec       *codec);

gboolean              _qnet_file_decoder_init       (QnetFileDecoder     *decoder,
                                                     const QnetFileCodec *codec,
                                                     GError             **error);
void                  _qnet_file_decoder_clear      (QnetFileDecoder     *decoder);
/* Feeds the first bytes of the file (its byte-order mark) to a decoder that
 * starts in the middle of the file, so it reads the file's byte order. */
void                  _qnet_file_decoder_prime      (QnetFileDecoder     *decoder,
                                                     const guint8        *head,
                                                     gsize                head_len);
/* Appends at most @max_chars characters (-1 = no limit) decoded from @in to
 * @out as UTF-8, never splitting a character; @consumed is the number of
 * input bytes used and @n_chars the number of characters appended. */
QnetFileDecodeStatus  _qnet_file_decoder_decode     (QnetFileDecoder     *decoder,
                                                     const guint8        *in,
                                                     gsize                in_len,
                                                     gint64               max_chars,
                                                     GString             *out,
                                                     gsize               *consumed,
                                                     gint64              *n_chars);

/* Converts UTF-8 @text to the codec's encoding; @with_bom FALSE drops the
 * byte-order mark a fresh encoder would write first. Returns NULL with
 * QNET_FILE_ERROR_ENCODING when @text is not valid UTF-8 or holds a
 * character the encoding cannot represent. */
GBytes               *_qnet_file_codec_encode       (const QnetFileCodec *codec,
                                                     const char          *text,
                                                     gsize                len,
                                                     gboolean             with_bom,
                                                     GError             **error);

/* The object and its operations (qnet-file-io.c) */

/* Qore's block size for binary reads: one data-read per block. */
#define QNET_FILE_BLOCK_SIZE (16 * 1024)

/* The most one read call returns or holds: every length stays within a
 * gint for the bindings, and a read to the end of /dev/zero ends. */
#define QNET_FILE_MAX_READ ((gsize) G_MAXINT32)

/* A line longer than this is an error rather than a read of the whole
 * file into memory looking for a newline. */
#define QNET_FILE_MAX_LINE ((gsize) 64 * 1024 * 1024)

#define QNET_FILE_OPEN_ALL_FLAGS                                                                   \
  (QNET_FILE_OPEN_READ | QNET_FILE_OPEN_WRITE | QNET_FILE_OPEN_CREATE | QNET_FILE_OPEN_TRUNCATE |  \
   QNET_FILE_OPEN_APPEND | QNET_FILE_OPEN_EXCLUSIVE)

struct _QnetFile
{
  QnetEmitter parent_instance;

  /* State of the owner thread, read by getters. */
  char *encoding; /* (owned) canonical name */
  char *filename; /* (owned) (nullable) path of the open file */
  gboolean busy;  /* an operation is in progress */

  /* I/O state: only the operation in progress touches it (it may run in a
   * worker thread); fd is also read by qnet_file_is_open(). */
  int fd;                  /* -1 when closed */
  QnetFileOpenFlags flags; /* flags of the open file, READ substituted for 0 */
  char *path;              /* (owned) (nullable) path of the open file, for messages */
  GByteArray *rbuf;        /* (owned) read-ahead; unconsumed data starts at rpos */
  gsize rpos;
  gboolean wrote;          /* written since opened (byte-order mark of unseekable files) */
  QnetFileCodec codec;     /* cached description of the last encoding used */
};

/* What an operation does; one state machine serves the blocking and the
 * asynchronous forms. */
typedef enum
{
  QNET_FILE_OP_OPEN,
  QNET_FILE_OP_CLOSE,
  QNET_FILE_OP_SYNC,
  QNET_FILE_OP_READ,
  QNET_FILE_OP_READ_BYTES,
  QNET_FILE_OP_READ_LINE,
  QNET_FILE_OP_READ_INT,
  QNET_FILE_OP_WRITE,
  QNET_FILE_OP_WRITE_BYTES,
  QNET_FILE_OP_SET_POSITION,
  QNET_FILE_OP_GET_POSITION,
  QNET_FILE_OP_GET_SIZE,
  QNET_FILE_OP_LOCK,
  QNET_FILE_OP_UNLOCK,
} QnetFileOpKind;

/* One operation: its arguments, the events it raised or recorded, and its
 * results. */
typedef struct _QnetFileOp
{
  QnetFile *self;            /* (owned) (nullable): NULL only in dispose */
  QnetFileOpKind kind;
  const char *name;          /* method name, for operation-failed */
  GCancellable *cancellable; /* (owned) (nullable) */
  gboolean deferred;         /* facts are recorded and replayed on the owner's context */
  gboolean claimed;          /* this operation set self->busy */
  GArray *facts;             /* (owned) (nullable) (element-type Fact) */
  char *encoding;            /* (owned) encoding for this operation */

  /* Arguments */
  char *path;                /* (owned) (nullable) open */
  QnetFileOpenFlags flags;   /* open, READ substituted for 0 */
  int mode;                  /* open */
  gssize size;               /* read, read_bytes */
  gboolean include_eol;      /* read_line */
  gboolean exclusive;        /* lock */
  gint64 offset;             /* set_position */
  char *text;                /* (owned) (nullable) write */
  GBytes *data;              /* (owned) (nullable) write_bytes, integer writes */
  guint int_width;           /* integer reads */
  guint8 int_buf[8];

  /* Results */
  gboolean opened;
  char *result_text;         /* (owned) (nullable) */
  GBytes *result_bytes;      /* (owned) (nullable) */
  gint64 result_int;
  GError *error;             /* (owned) (nullable) */
} QnetFileOp;

QnetFileOp *_qnet_file_op_new         (QnetFile            *self,
                                       QnetFileOpKind       kind,
                                       const char          *name,
                                       GCancellable        *cancellable);
void        _qnet_file_op_free        (gpointer             op);
/* Runs @op to completion on the caller's thread: events as they happen,
 * operation-failed on error. */
gboolean    _qnet_file_op_run         (QnetFileOp          *op,
                                       GError             **error);
/* Takes @op; the core runs in a worker thread and the events are raised on
 * the caller's thread-default main context before @callback. */
void        _qnet_file_op_start_async (QnetFileOp          *op,
                                       gpointer             source_tag,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* Closes the open file from dispose (raising channel-closed). */
void        _qnet_file_close_on_dispose (QnetFile          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QnetFileOp, _qnet_file_op_free)

/* Owner-thread state (qnet-file.c) */

void        _qnet_file_set_filename   (QnetFile            *self,
                                       const char          *filename);
void        _qnet_file_store_encoding (QnetFile            *self,
                                       const char          *encoding);

G_END_DECLS
