/* bench-http.c: QnetHttpClient against libsoup 3, libcurl and a raw
 * socket loop, nginx on loopback, in one run
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * nginx (tests/servers/qnet-test-nginx.c) serves a sparse file of
 * BYTES (default 1 GiB) and a 1 KiB file over HTTP, and the big file over
 * HTTPS (the fixtures of tests/data/tls). Measured, interleaved, RUNS
 * (default 5) times each; the best and the median are reported:
 *
 *   download to a stream   QnetHttpClient send_to_stream (a /dev/null
 *                          GOutputStream), libsoup (the response stream
 *                          read in 256 KiB calls), curl (a discarding
 *                          write callback), and a raw socket: read(2)
 *                          into one 256 KiB buffer (HTTP only)
 *   download into memory   QnetHttpClient get (the body as GBytes),
 *                          libsoup soup_session_send_and_read, curl
 *                          appending to a growing buffer
 *   keep-alive requests    REQUESTS (default 20 000) GETs of the 1 KiB
 *                          file on one connection: QnetHttpClient get,
 *                          libsoup send_and_read, curl_easy_perform on one
 *                          handle. Measured twice: as the scheduler places
 *                          the processes, then with this process and a
 *                          fresh nginx pinned to one CPU. A request is a
 *                          round trip between two processes, and on small
 *                          virtual machines a wake-up across CPUs costs
 *                          more than the work of either side (every
 *                          client runs about 2.5x slower when the two land
 *                          on different CPUs), so the pinned figures are
 *                          the ones that compare the clients' own costs.
 *
 * Every QnetHttpClient has a packet-read handler connected (the count is
 * printed). Each download opens a new connection. Reported: MB/s and
 * requests/s, and QnetHttpClient's ratios to each other client, of the
 * bests and of the medians (target >= 1.0 against libsoup and curl,
 * >= 0.9 against the raw loop).
 *
 * Usage: bench-http [BYTES [RUNS [REQUESTS]]]
 */

#include "config.h"

#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <curl/curl.h>
#include <gio/gunixoutputstream.h>
#include <libsoup/soup.h>
#include <qnet.h>

#include "qnet-test-nginx.h"

#define DEFAULT_BYTES (G_GUINT64_CONSTANT (1) << 30)
#define DEFAULT_RUNS 5
#define DEFAULT_REQUESTS 20000
#define READ_CHUNK (256 * 1024)
#define TIMEOUT_MS 120000

typedef enum {
  CLIENT_QNET,
  CLIENT_SOUP,
  CLIENT_CURL,
  CLIENT_RAW,
  N_CLIENTS
} Client;

static const char *client_names[N_CLIENTS] = { "QnetHttpClient", "libsoup", "curl", "raw socket" };

static guint64 big_size;
static guint16 http_port;
static guint16 https_port;
static char *ca_path;
static guint64 packet_reads;

static void
check (gboolean      ok,
       const char   *what,
       const GError *error)
{
  if (ok)
    return;
  g_printerr ("bench-http: %s failed: %s\n", what, error != NULL ? error->message : "?");
  exit (1);
}

static char *
url_for (gboolean    tls,
         const char *path)
{
  return g_strdup_printf ("%s://%s:%u%s", tls ? "https" : "http", tls ? "localhost" : "127.0.0.1",
                          tls ? https_port : http_port, path);
}

/* ---- QnetHttpClient ------------------------------------------------------------------ */

static void
on_packet_read (QnetSocket *sock,
                gint64      n,
                gint64      total_read,
                gint64      total_to_read,
                gpointer    data)
{
  packet_reads++;
}

static QnetHttpClient *
qnet_client (gboolean tls)
{
  g_autofree char *url = url_for (tls, "/");
  QnetHttpClient *client = qnet_http_client_new (url);
  g_autoptr(GError) error = NULL;

  qnet_socket_set_timeout (QNET_SOCKET (client), TIMEOUT_MS);
  if (tls)
    check (qnet_socket_set_ca_file (QNET_SOCKET (client), ca_path, &error), "set_ca_file", error);
  g_signal_connect (client, "packet-read", G_CALLBACK (on_packet_read), NULL);
  return client;
}

static guint64
qnet_download (gboolean tls,
               gboolean memory)
{
  g_autoptr(QnetHttpClient) client = qnet_client (tls);
  g_autoptr(QnetHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  if (memory)
    {
      response = qnet_http_client_get (client, "/big.bin", NULL, NULL, &error);
      check (response != NULL, "QnetHttpClient get", error);
      return g_bytes_get_size (qnet_http_response_get_body (response));
    }
  else
    {
      int fd = open ("/dev/null", O_WRONLY | O_CLOEXEC);
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (fd, TRUE);

      response = qnet_http_client_send_to_stream (client, "GET", "/big.bin", NULL, NULL, out, NULL, &error);
      check (response != NULL, "QnetHttpClient send_to_stream", error);
      return (guint64) qnet_http_response_get_body_size (response);
    }
}

static guint
qnet_requests (guint n)
{
  g_autoptr(QnetHttpClient) client = qnet_client (FALSE);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QnetHttpResponse) response = qnet_http_client_get (client, "/small.bin", NULL, NULL, &error);

      check (response != NULL && g_bytes_get_size (qnet_http_response_get_body (response)) == 1024,
             "QnetHttpClient get (small)", error);
    }
  return n;
}

/* ---- libsoup ------------------------------------------------------------------------- */

static SoupSession *
soup_client (gboolean tls)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = NULL;

  if (!tls)
    return soup_session_new_with_options ("timeout", TIMEOUT_MS / 1000, NULL);
  database = g_tls_file_database_new (ca_path, &error);
  check (database != NULL, "g_tls_file_database_new", error);
  return soup_session_new_with_options ("tls-database", database, "timeout", TIMEOUT_MS / 1000, NULL);
}

static guint64
soup_download (gboolean tls,
               gboolean memory)
{
  g_autoptr(SoupSession) session = soup_client (tls);
  g_autofree char *url = url_for (tls, "/big.bin");
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  guint64 got = 0;

  if (memory)
    {
      g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, &error);

      check (body != NULL && soup_message_get_status (msg) == SOUP_STATUS_OK, "libsoup send_and_read", error);
      return g_bytes_get_size (body);
    }
  else
    {
      g_autoptr(GInputStream) stream = soup_session_send (session, msg, NULL, &error);
      g_autofree guint8 *buffer = g_malloc (READ_CHUNK);

      check (stream != NULL && soup_message_get_status (msg) == SOUP_STATUS_OK, "libsoup send", error);
      for (;;)
        {
          gssize n = g_input_stream_read (stream, buffer, READ_CHUNK, NULL, &error);

          check (n >= 0, "libsoup read", error);
          if (n == 0)
            break;
          got += (guint64) n;
        }
      g_input_stream_close (stream, NULL, NULL);
      return got;
    }
}

static guint
soup_requests (guint n)
{
  g_autoptr(SoupSession) session = soup_client (FALSE);
  g_autofree char *url = url_for (FALSE, "/small.bin");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, &error);

      check (body != NULL && g_bytes_get_size (body) == 1024, "libsoup send_and_read (small)", error);
    }
  return n;
}

/* ---- libcurl ------------------------------------------------------------------------- */

typedef struct {
  guint64  got;
  guint8  *data;      /* (nullable): memory mode */
  gsize    capacity;
} CurlSink;

static size_t
curl_write (char   *ptr,
            size_t  size,
            size_t  nmemb,
            void   *user_data)
{
  CurlSink *sink = user_data;
  size_t n = size * nmemb;

  if (sink->capacity > 0)
    {
      if (sink->got + n > sink->capacity)
        {
          while (sink->got + n > sink->capacity)
            sink->capacity *= 2;
          sink->data = g_realloc (sink->data, sink->capacity);
        }
      memcpy (sink->data + sink->got, ptr, n);
    }
  sink->got += n;
  return n;
}

static CURL *
curl_client (gboolean  tls,
             CurlSink *sink)
{
  CURL *curl = curl_easy_init ();

  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, curl_write);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, sink);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT_MS, (long) TIMEOUT_MS);
  curl_easy_setopt (curl, CURLOPT_NOPROXY, "*");
  if (tls)
    curl_easy_setopt (curl, CURLOPT_CAINFO, ca_path);
  return curl;
}

static guint64
curl_download (gboolean tls,
               gboolean memory)
{
  CurlSink sink = { 0, NULL, memory ? 64 * 1024 : 0 };
  CURL *curl = curl_client (tls, &sink);
  g_autofree char *url = url_for (tls, "/big.bin");
  CURLcode res;

  if (memory)
    sink.data = g_malloc (sink.capacity);
  curl_easy_setopt (curl, CURLOPT_URL, url);
  res = curl_easy_perform (curl);
  if (res != CURLE_OK)
    {
      g_printerr ("bench-http: curl: %s\n", curl_easy_strerror (res));
      exit (1);
    }
  curl_easy_cleanup (curl);
  g_free (sink.data);
  return sink.got;
}

static guint
curl_requests (guint n)
{
  CurlSink sink = { 0, NULL, 0 };
  CURL *curl = curl_client (FALSE, &sink);
  g_autofree char *url = url_for (FALSE, "/small.bin");

  curl_easy_setopt (curl, CURLOPT_URL, url);
  for (guint i = 0; i < n; i++)
    {
      CURLcode res;

      sink.got = 0;
      res = curl_easy_perform (curl);
      if (res != CURLE_OK || sink.got != 1024)
        {
          g_printerr ("bench-http: curl (small): %s\n", curl_easy_strerror (res));
          exit (1);
        }
    }
  curl_easy_cleanup (curl);
  return n;
}

/* ---- A raw socket loop ----------------------------------------------------------------- */

static guint64
raw_download (void)
{
  struct sockaddr_in addr;
  g_autofree guint8 *buffer = g_malloc (READ_CHUNK);
  g_autofree char *request = g_strdup_printf ("GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                              "Connection: close\r\n\r\n", http_port);
  guint64 got = 0;
  gboolean in_body = FALSE;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  memset (&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_port = htons (http_port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd < 0 || connect (fd, (struct sockaddr *) &addr, sizeof addr) < 0 ||
      write (fd, request, strlen (request)) != (ssize_t) strlen (request))
    {
      g_printerr ("bench-http: raw connect/write failed\n");
      exit (1);
    }
  for (;;)
    {
      ssize_t n = read (fd, buffer, READ_CHUNK);

      if (n <= 0)
        break;
      if (!in_body)
        {
          /* The head arrives in the first read. */
          const guint8 *end = memmem (buffer, (size_t) n, "\r\n\r\n", 4);

          if (end == NULL)
            continue;
          in_body = TRUE;
          got += (guint64) (n - (end + 4 - buffer));
          continue;
        }
      got += (guint64) n;
    }
  close (fd);
  return got;
}

/* ---- Measuring ------------------------------------------------------------------------ */

static guint64
download (Client   client,
          gboolean tls,
          gboolean memory)
{
  switch (client)
    {
    case CLIENT_QNET:
      return qnet_download (tls, memory);
    case CLIENT_SOUP:
      return soup_download (tls, memory);
    case CLIENT_CURL:
      return curl_download (tls, memory);
    case CLIENT_RAW:
      return raw_download ();
    case N_CLIENTS:
    default:
      g_assert_not_reached ();
    }
}

static guint
requests (Client client,
          guint  n)
{
  switch (client)
    {
    case CLIENT_QNET:
      return qnet_requests (n);
    case CLIENT_SOUP:
      return soup_requests (n);
    case CLIENT_CURL:
      return curl_requests (n);
    case CLIENT_RAW:
    case N_CLIENTS:
    default:
      g_assert_not_reached ();
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}

/* @samples[c]: client c's figure of each run. Prints the best and the
 * median of each, and QnetHttpClient's ratios of both. */
static void
report (const char *title,
        const char *unit,
        GArray     *samples[N_CLIENTS],
        guint       n_clients)
{
  double best[N_CLIENTS], mid[N_CLIENTS];

  for (guint c = 0; c < n_clients; c++)
    {
      mid[c] = median (samples[c]);
      best[c] = g_array_index (samples[c], double, samples[c]->len - 1);
    }
  g_print ("%s (%s: best, median)\n", title, unit);
  for (guint c = 0; c < n_clients; c++)
    g_print ("  %-15s %10.1f %10.1f\n", client_names[c], best[c], mid[c]);
  for (guint c = 1; c < n_clients; c++)
    g_print ("  ratio QnetHttpClient / %-11s %6.2f %6.2f\n", client_names[c],
             best[CLIENT_QNET] / best[c], mid[CLIENT_QNET] / mid[c]);
  for (guint c = 0; c < n_clients; c++)
    g_array_unref (samples[c]);
}

static void
samples_init (GArray *samples[N_CLIENTS])
{
  for (guint c = 0; c < N_CLIENTS; c++)
    samples[c] = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
bench_download (const char *title,
                gboolean    tls,
                gboolean    memory,
                guint       n_clients,
                guint       runs)
{
  GArray *samples[N_CLIENTS];

  samples_init (samples);
  for (guint run = 0; run < runs; run++)
    {
      for (guint c = 0; c < n_clients; c++)
        {
          gint64 start = g_get_monotonic_time ();
          guint64 got = download ((Client) c, tls, memory);
          double seconds = (g_get_monotonic_time () - start) / 1e6;
          double mbps = got / seconds / 1e6;

          if (got != big_size)
            {
              g_printerr ("bench-http: %s got %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " bytes\n",
                          client_names[c], got, big_size);
              exit (1);
            }
          g_array_append_val (samples[c], mbps);
        }
    }
  report (title, "MB/s", samples, n_clients);
  for (guint c = n_clients; c < N_CLIENTS; c++)
    g_array_unref (samples[c]);
}

static void
bench_requests (const char *title,
                guint       n,
                guint       runs)
{
  GArray *samples[N_CLIENTS];

  samples_init (samples);
  for (guint run = 0; run < runs; run++)
    {
      for (guint c = 0; c < CLIENT_RAW; c++)
        {
          gint64 start = g_get_monotonic_time ();
          guint done = requests ((Client) c, n);
          double rate = done / ((g_get_monotonic_time () - start) / 1e6);

          g_array_append_val (samples[c], rate);
        }
    }
  report (title, "requests/s", samples, CLIENT_RAW);
  g_array_unref (samples[CLIENT_RAW]);
}

static void
make_files (QnetTestNginx *nginx,
            guint64        size)
{
  g_autofree char *path = g_build_filename (qnet_test_nginx_get_docroot (nginx), "big.bin", NULL);
  guint8 small[1024];
  int fd = open (path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600);

  if (fd < 0 || ftruncate (fd, (off_t) size) < 0)
    {
      g_printerr ("bench-http: cannot make %s\n", path);
      exit (1);
    }
  close (fd);
  for (guint i = 0; i < sizeof small; i++)
    small[i] = (guint8) i;
  qnet_test_nginx_add_file (nginx, "small.bin", small, sizeof small);
}

#define NGINX_CONF "access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetTestNginx) nginx = NULL;
  g_autoptr(QnetTestNginx) nginx_tls = NULL;
  g_autofree char *cert = g_build_filename (QNET_TEST_DATA_DIR, "tls", "server.pem", NULL);
  g_autofree char *key = g_build_filename (QNET_TEST_DATA_DIR, "tls", "server-key.pem", NULL);
  QnetTestNginxTls tls = { cert, key, NULL, NULL };
  guint runs = DEFAULT_RUNS;
  guint n_requests = DEFAULT_REQUESTS;

  big_size = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : DEFAULT_BYTES;
  if (argc > 2)
    runs = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  if (argc > 3)
    n_requests = (guint) g_ascii_strtoull (argv[3], NULL, 10);
  if (big_size == 0 || runs == 0 || n_requests == 0)
    {
      g_printerr ("usage: %s [BYTES [RUNS [REQUESTS]]]\n", argv[0]);
      return 2;
    }

  ca_path = g_build_filename (QNET_TEST_DATA_DIR, "tls", "ca.pem", NULL);
  curl_global_init (CURL_GLOBAL_DEFAULT);

  nginx = qnet_test_nginx_start (NGINX_CONF, &error);
  check (nginx != NULL, "nginx", error);
  nginx_tls = qnet_test_nginx_start_tls (NGINX_CONF, &tls, &error);
  check (nginx_tls != NULL, "nginx (TLS)", error);
  http_port = qnet_test_nginx_get_port (nginx);
  https_port = qnet_test_nginx_get_port (nginx_tls);
  make_files (nginx, big_size);
  make_files (nginx_tls, big_size);

  g_print ("bench-http: %" G_GUINT64_FORMAT " bytes, %u runs, %u keep-alive requests\n",
           big_size, runs, n_requests);
  bench_download ("HTTP download to a stream", FALSE, FALSE, N_CLIENTS, runs);
  bench_download ("HTTP download into memory", FALSE, TRUE, CLIENT_RAW, runs);
  bench_download ("HTTPS download to a stream", TRUE, FALSE, CLIENT_RAW, runs);
  bench_download ("HTTPS download into memory", TRUE, TRUE, CLIENT_RAW, runs);
  bench_requests ("keep-alive GETs of 1 KiB", n_requests, runs);

  /* The same, this process and its own nginx (inheriting the affinity)
   * on one CPU. */
  {
    g_autoptr(QnetTestNginx) pinned = NULL;
    cpu_set_t set;

    CPU_ZERO (&set);
    CPU_SET (0, &set);
    if (sched_setaffinity (0, sizeof set, &set) == 0)
      {
        pinned = qnet_test_nginx_start (NGINX_CONF, &error);
        check (pinned != NULL, "nginx (pinned)", error);
        make_files (pinned, 1);
        http_port = qnet_test_nginx_get_port (pinned);
        bench_requests ("keep-alive GETs of 1 KiB, client and nginx on one CPU", n_requests, runs);
      }
  }
  g_print ("packet-read events handled by QnetHttpClient: %" G_GUINT64_FORMAT "\n", packet_reads);

  curl_global_cleanup ();
  return 0;
}
