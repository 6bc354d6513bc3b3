/* bench-tls.c: 1 GiB over TLS from nginx on loopback: QnetSocket against
 * libcurl and libsoup 3 in the same run
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An nginx with its ssl module (tests/servers/qnet-test-nginx.c, the
 * fixtures of tests/data/tls) serves a sparse file of BYTES (the first
 * argument, default 1 GiB) from a temporary directory. Each client downloads it
 * over TLS (a new connection and handshake each time, timed from the
 * connect to the last byte), several times; the runs interleave the
 * clients, each run starting with the next one. The file's pages are
 * cached before the first run. Clients:
 *   qnetsocket  qnet_socket_connect_ssl, the GET with qnet_socket_send,
 *               the head with recv_until, the body with recv_bytes loops
 *               (1 MiB calls), a packet-read handler connected
 *   curl        libcurl (GnuTLS build), CURLOPT_WRITEFUNCTION discarding
 *   libsoup     a SoupSession (glib-networking's GnuTLS), the response's
 *               GInputStream read in 256 KiB calls
 * Reported: each client's best MB/s and CPU time per GiB (the process:
 * client side only, nginx runs apart), the negotiated cipher suites, and
 * the median over the runs of QnetSocket's ratio to each other client and
 * to the slower of the two in the same run (the target: >= 1.0).
 * Usage: bench-tls [BYTES [RUNS [CLIENT]]] (CLIENT: run only that one)
 */

#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <curl/curl.h>
#include <gnutls/gnutls.h>
#include <libsoup/soup.h>
#include <qnet.h>

#include "qnet-test-nginx.h"

#define DEFAULT_BYTES (G_GUINT64_CONSTANT (1) << 30)
#define DEFAULT_RUNS 3
#define QNET_CHUNK (1024 * 1024)
#define SOUP_CHUNK (256 * 1024)
#define TIMEOUT_MS 60000

typedef enum {
  CLIENT_QNET,
  CLIENT_CURL,
  CLIENT_SOUP,
  N_CLIENTS
} Client;

static const char *client_names[N_CLIENTS] = { "qnetsocket", "curl", "libsoup" };

static guint64 total_bytes;
static guint16 port;
static char *ca_path;
static char *ciphers[N_CLIENTS];

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static void
check (gboolean    ok,
       const char *what,
       GError     *error)
{
  if (ok)
    return;
  g_printerr ("bench-tls: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

/* ---- QnetSocket -------------------------------------------------------------------- */

static void
on_packet_read (QnetSocket *sock,
                gint64      n,
                gint64      total_read,
                gint64      total_to_read,
                gpointer    data)
{
  guint64 *count = data;

  (*count)++;
}

static guint64
download_qnet (guint64 *packets)
{
  g_autoptr(QnetSocket) sock = qnet_socket_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) head = NULL;
  g_autofree char *dest = g_strdup_printf ("127.0.0.1:%u", port);
  g_autofree char *head_text = NULL;
  const char *length;
  guint64 body_length;
  guint64 got = 0;

  check (qnet_socket_set_ca_file (sock, ca_path, &error), "set_ca_file", error);
  g_signal_connect (sock, "packet-read", G_CALLBACK (on_packet_read), packets);
  check (qnet_socket_connect_ssl (sock, dest, TIMEOUT_MS, NULL, &error), "connect_ssl", error);
  if (ciphers[CLIENT_QNET] == NULL)
    ciphers[CLIENT_QNET] = g_strdup_printf ("%s %s", qnet_socket_get_cipher_version (sock),
                                            qnet_socket_get_cipher_name (sock));
  check (qnet_socket_send (sock, "GET /big.bin HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                           NULL, &error), "send", error);

  head = qnet_socket_recv_until (sock, "\r\n\r\n", 64 * 1024, TIMEOUT_MS, NULL, &error);
  check (head != NULL, "recv_until", error);
  head_text = g_strndup (g_bytes_get_data (head, NULL), g_bytes_get_size (head));
  length = strstr (head_text, "Content-Length: ");
  check (g_str_has_prefix (head_text, "HTTP/1.1 200 ") && length != NULL, "response head", NULL);
  body_length = g_ascii_strtoull (length + strlen ("Content-Length: "), NULL, 10);

  while (got < body_length)
    {
      g_autoptr(GBytes) data = qnet_socket_recv_bytes (sock, (gssize) MIN (QNET_CHUNK, body_length - got),
                                                        TIMEOUT_MS, NULL, &error);

      check (data != NULL, "recv_bytes", error);
      got += g_bytes_get_size (data);
    }
  qnet_socket_close (sock);
  return got;
}

/* ---- libcurl ------------------------------------------------------------------------- */

typedef struct {
  CURL    *curl;
  guint64  got;
} CurlDownload;

static size_t
curl_discard (char   *ptr,
              size_t  size,
              size_t  nmemb,
              void   *data)
{
  CurlDownload *download = data;

  /* The TLS session is there while the transfer runs. */
  if (ciphers[CLIENT_CURL] == NULL)
    {
      struct curl_tlssessioninfo *info = NULL;

      if (curl_easy_getinfo (download->curl, CURLINFO_TLS_SSL_PTR, &info) == CURLE_OK && info != NULL &&
          info->backend == CURLSSLBACKEND_GNUTLS && info->internals != NULL)
        {
          gnutls_session_t session = info->internals;

          ciphers[CLIENT_CURL] = g_strdup_printf ("%s %s",
                                                  gnutls_protocol_get_name (gnutls_protocol_get_version (session)),
                                                  gnutls_ciphersuite_get (session));
        }
    }
  download->got += size * nmemb;
  return size * nmemb;
}

static guint64
download_curl (void)
{
  CURL *curl = curl_easy_init ();
  g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%u/big.bin", port);
  CurlDownload download = { curl, 0 };
  CURLcode res;

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_CAINFO, ca_path);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, curl_discard);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, &download);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT_MS, (long) TIMEOUT_MS * 10);
  res = curl_easy_perform (curl);
  if (res != CURLE_OK)
    {
      g_printerr ("bench-tls: curl: %s\n", curl_easy_strerror (res));
      exit (1);
    }
  curl_easy_cleanup (curl);
  return download.got;
}

/* ---- libsoup ------------------------------------------------------------------------- */

static guint64
download_soup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca_path, &error);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%u/big.bin", port);
  g_autofree guint8 *buffer = g_malloc (SOUP_CHUNK);
  guint64 got = 0;

  check (database != NULL, "g_tls_file_database_new", error);
  session = soup_session_new_with_options ("tls-database", database, "timeout", TIMEOUT_MS / 1000, NULL);
  msg = soup_message_new ("GET", url);
  stream = soup_session_send (session, msg, NULL, &error);
  check (stream != NULL, "soup_session_send", error);
  check (soup_message_get_status (msg) == SOUP_STATUS_OK, "libsoup status", NULL);
  if (ciphers[CLIENT_SOUP] == NULL)
    ciphers[CLIENT_SOUP] = g_strdup_printf ("%s %s",
                                            soup_message_get_tls_protocol_version (msg) == G_TLS_PROTOCOL_VERSION_TLS_1_3
                                            ? "TLS1.3" : "TLS1.2 or older",
                                            soup_message_get_tls_ciphersuite_name (msg));

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, SOUP_CHUNK, NULL, &error);

      check (n >= 0, "g_input_stream_read", error);
      if (n == 0)
        break;
      got += (guint64) n;
    }
  g_input_stream_close (stream, NULL, NULL);
  return got;
}

/* ---- The file ------------------------------------------------------------------------ */

/* A sparse file of @size bytes (zeros) in nginx's document root, read
 * once so that its pages are cached: otherwise the first download pays
 * for zero-filling them. */
static void
make_big_file (QnetTestNginx *nginx,
               guint64        size)
{
  g_autofree char *path = g_build_filename (qnet_test_nginx_get_docroot (nginx), "big.bin", NULL);
  g_autofree guint8 *buffer = g_malloc (QNET_CHUNK);
  int fd = open (path, O_CREAT | O_TRUNC | O_RDWR | O_CLOEXEC, 0600);
  guint64 read_total = 0;

  if (fd < 0 || ftruncate (fd, (off_t) size) < 0)
    {
      g_printerr ("bench-tls: cannot make %s\n", path);
      exit (1);
    }
  while (read_total < size)
    {
      ssize_t n = read (fd, buffer, QNET_CHUNK);

      if (n <= 0)
        break;
      read_total += (guint64) n;
    }
  close (fd);
  if (read_total != size)
    {
      g_printerr ("bench-tls: cannot read %s back\n", path);
      exit (1);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetTestNginx) nginx = NULL;
  g_autofree char *cert = g_build_filename (QNET_TEST_DATA_DIR, "tls", "server.pem", NULL);
  g_autofree char *key = g_build_filename (QNET_TEST_DATA_DIR, "tls", "server-key.pem", NULL);
  QnetTestNginxTls tls = { cert, key, NULL, NULL };
  double best[N_CLIENTS] = { 0, };
  double cpu_best[N_CLIENTS];
  g_autofree double *ratios = NULL;
  g_autofree double *ratio_slower = NULL;
  guint runs = DEFAULT_RUNS;
  const char *only = argc > 3 ? argv[3] : NULL;

  total_bytes = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : DEFAULT_BYTES;
  if (argc > 2)
    runs = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  if (total_bytes == 0 || runs == 0)
    {
      g_printerr ("usage: %s [BYTES [RUNS]]\n", argv[0]);
      return 2;
    }

  ca_path = g_build_filename (QNET_TEST_DATA_DIR, "tls", "ca.pem", NULL);
  nginx = qnet_test_nginx_start_tls ("location = /big.bin { access_log off; }", &tls, &error);
  check (nginx != NULL, "nginx", error);
  port = qnet_test_nginx_get_port (nginx);
  make_big_file (nginx, total_bytes);
  curl_global_init (CURL_GLOBAL_DEFAULT);

  ratios = g_new0 (double, (gsize) runs * N_CLIENTS);
  ratio_slower = g_new0 (double, runs);
  for (Client c = 0; c < N_CLIENTS; c++)
    cpu_best[c] = G_MAXDOUBLE;

  g_print ("HTTPS download from nginx on loopback: %" G_GUINT64_FORMAT " bytes per run, best of %u runs;\n"
           "QnetSocket reads in %d KiB calls with a packet-read handler connected\n\n",
           total_bytes, runs, QNET_CHUNK / 1024);

  for (guint run = 0; run < runs; run++)
    {
      double mbs_run[N_CLIENTS];

      /* Each run starts with another client. */
      for (guint i = 0; i < N_CLIENTS; i++)
        {
          Client c = (Client) ((run + i) % N_CLIENTS);
          guint64 packets = 0;
          guint64 got;
          gint64 start;
          double seconds, cpu, mbs;

          if (only != NULL && g_strcmp0 (only, client_names[c]) != 0)
            {
              mbs_run[c] = 1.0;
              continue;
            }
          cpu = cpu_seconds ();
          start = g_get_monotonic_time ();
          switch (c)
            {
            case CLIENT_QNET:
              got = download_qnet (&packets);
              break;
            case CLIENT_CURL:
              got = download_curl ();
              break;
            case CLIENT_SOUP:
            case N_CLIENTS:
            default:
              got = download_soup ();
              break;
            }
          seconds = (g_get_monotonic_time () - start) / 1e6;
          cpu = (cpu_seconds () - cpu) * (double) (G_GUINT64_CONSTANT (1) << 30) / total_bytes;
          if (got != total_bytes)
            {
              g_printerr ("bench-tls: %s got %" G_GUINT64_FORMAT " bytes\n", client_names[c], got);
              return 1;
            }
          mbs = total_bytes / seconds / 1e6;
          mbs_run[c] = mbs;
          g_print ("  run %u  %-10s %9.1f MB/s  %6.3f cpu s/GiB", run + 1, client_names[c], mbs, cpu);
          if (c == CLIENT_QNET)
            g_print ("  (%" G_GUINT64_FORMAT " packet-read, %.0f bytes each)", packets,
                     packets > 0 ? (double) total_bytes / packets : 0.0);
          g_print ("\n");
          best[c] = MAX (best[c], mbs);
          cpu_best[c] = MIN (cpu_best[c], cpu);
        }

      for (Client c = 0; c < N_CLIENTS; c++)
        ratios[c * runs + run] = mbs_run[CLIENT_QNET] / mbs_run[c];
      ratio_slower[run] = mbs_run[CLIENT_QNET] / MIN (mbs_run[CLIENT_CURL], mbs_run[CLIENT_SOUP]);
    }

  g_print ("\nnegotiated: qnetsocket %s; curl %s; libsoup %s\n",
           ciphers[CLIENT_QNET] != NULL ? ciphers[CLIENT_QNET] : "-",
           ciphers[CLIENT_CURL] != NULL ? ciphers[CLIENT_CURL] : "-",
           ciphers[CLIENT_SOUP] != NULL ? ciphers[CLIENT_SOUP] : "-");
  g_print ("\n%-10s %10s %14s %22s\n", "client", "best MB/s", "cpu s/GiB", "qnetsocket/this (median)");
  for (Client c = 0; c < N_CLIENTS; c++)
    {
      double *r = ratios + (gsize) c * runs;

      qsort (r, runs, sizeof (double), compare_doubles);
      g_print ("%-10s %10.1f %14.3f %22.3f\n", client_names[c], best[c], cpu_best[c], r[runs / 2]);
    }
  qsort (ratio_slower, runs, sizeof (double), compare_doubles);
  g_print ("\nqnetsocket / slower of curl and libsoup (median of runs): %.3f (target >= 1.0)\n",
           ratio_slower[runs / 2]);

  curl_global_cleanup ();
  for (Client c = 0; c < N_CLIENTS; c++)
    g_free (ciphers[c]);
  g_free (ca_path);
  return 0;
}
