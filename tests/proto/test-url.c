/* test-url.c: URL parser, RFC 3986 reference resolution, origins
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The URL parser is not a push parser (a URL arrives whole), so its cases
 * are run once each; resolution uses every example of RFC 3986 §5.4.
 */

#include "config.h"

#include <string.h>

#include "qnet-error.h"
#include "qnet-limits.h"
#include "qnet-url.h"

/* ---- RFC 3986 §5.4 ---- */

typedef struct {
  const char *reference;
  const char *target;
} ResolveCase;

static const char rfc_base[] = "http://a/b/c/d;p?q";

/* §5.4.1 Normal Examples */
static const ResolveCase normal_examples[] = {
  { "g:h", "g:h" },
  { "g", "http://a/b/c/g" },
  { "./g", "http://a/b/c/g" },
  { "g/", "http://a/b/c/g/" },
  { "/g", "http://a/g" },
  { "//g", "http://g" },
  { "?y", "http://a/b/c/d;p?y" },
  { "g?y", "http://a/b/c/g?y" },
  { "#s", "http://a/b/c/d;p?q#s" },
  { "g#s", "http://a/b/c/g#s" },
  { "g?y#s", "http://a/b/c/g?y#s" },
  { ";x", "http://a/b/c/;x" },
  { "g;x", "http://a/b/c/g;x" },
  { "g;x?y#s", "http://a/b/c/g;x?y#s" },
  { "", "http://a/b/c/d;p?q" },
  { ".", "http://a/b/c/" },
  { "./", "http://a/b/c/" },
  { "..", "http://a/b/" },
  { "../", "http://a/b/" },
  { "../g", "http://a/b/g" },
  { "../..", "http://a/" },
  { "../../", "http://a/" },
  { "../../g", "http://a/g" },
};

/* §5.4.2 Abnormal Examples */
static const ResolveCase abnormal_examples[] = {
  { "../../../g", "http://a/g" },
  { "../../../../g", "http://a/g" },
  { "/./g", "http://a/g" },
  { "/../g", "http://a/g" },
  { "g.", "http://a/b/c/g." },
  { ".g", "http://a/b/c/.g" },
  { "g..", "http://a/b/c/g.." },
  { "..g", "http://a/b/c/..g" },
  { "./../g", "http://a/b/g" },
  { "./g/.", "http://a/b/c/g/" },
  { "g/./h", "http://a/b/c/g/h" },
  { "g/../h", "http://a/b/c/h" },
  { "g;x=1/./y", "http://a/b/c/g;x=1/y" },
  { "g;x=1/../y", "http://a/b/c/y" },
  { "g?y/./x", "http://a/b/c/g?y/./x" },
  { "g?y/../x", "http://a/b/c/g?y/../x" },
  { "g#s/./x", "http://a/b/c/g#s/./x" },
  { "g#s/../x", "http://a/b/c/g#s/../x" },
  { "http:g", "http:g" },
};

static void
check_resolve (const ResolveCase *c)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = qnet_uri_resolve (rfc_base, c->reference, &error);
  g_autoptr(QnetUrl) base = NULL;
  g_autoptr(QnetUrl) url = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (target, ==, c->target);

  /* The QnetUrl form agrees wherever the target is hierarchical. */
  base = qnet_url_parse (rfc_base, &error);
  g_assert_no_error (error);
  url = qnet_url_resolve (base, c->reference, &error);
  if (g_str_has_prefix (c->target, "http://"))
    {
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (url);
      text = qnet_url_to_string (url, QNET_URL_DEFAULT);
      g_assert_cmpstr (text, ==, c->target);
    }
  else
    {
      g_assert_null (url);
      g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_INVALID_URL);
    }
}

static void
test_resolve_case (gconstpointer data)
{
  check_resolve (data);
}

static void
test_resolve_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *r1 = qnet_uri_resolve ("/relative/base", "g", &error);
  g_autofree char *r2 = NULL;
  g_autofree char *r3 = NULL;

  g_assert_null (r1);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_INVALID_URL);
  g_clear_error (&error);
  r2 = qnet_uri_resolve (rfc_base, "/a b", &error);
  g_assert_null (r2);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_INVALID_URL);
  g_clear_error (&error);
  r3 = qnet_uri_resolve (rfc_base, "/a\r\nSet-Cookie: x", &error);
  g_assert_null (r3);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_INVALID_URL);
}

/* Redirects: what a Location does to the URL and its credentials. */
static void
test_resolve_redirects (void)
{
  static const ResolveCase redirects[] = {
    { "/new", "https://u:p@a.example/new" },
    { "next", "https://u:p@a.example/dir/next" },
    { "?y", "https://u:p@a.example/dir/page?y" },
    { "//b.example/x", "https://b.example/x" },
    { "http://c.example:8080/", "http://c.example:8080/" },
    { "HTTPS://A.EXAMPLE:443/z", "https://a.example/z" },
    { "/caf\xc3\xa9", "https://u:p@a.example/caf%C3%A9" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetUrl) base = qnet_url_parse ("https://u:p@a.example/dir/page?x#frag", &error);

  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (redirects); i++)
    {
      g_autoptr(QnetUrl) url = qnet_url_resolve (base, redirects[i].reference, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = qnet_url_to_string (url, QNET_URL_DEFAULT);
      g_assert_cmpstr (text, ==, redirects[i].target);
    }
}

static void
test_remove_dot_segments (void)
{
  static const ResolveCase cases[] = {
    { "/a/b/c/./../../g", "/a/g" },
    { "mid/content=5/../6", "mid/6" },
    { "", "" },
    { "/", "/" },
    { "/..", "/" },
    { "/.", "/" },
    { ".", "" },
    { "..", "" },
    { "../a", "a" },
    { "/a/..", "/" },
    { "/a/b/..", "/a/" },
    { "/a//../b", "/a/b" },
    { "/a/.../b", "/a/.../b" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = qnet_uri_remove_dot_segments (cases[i].reference, -1);

      g_assert_cmpstr (out, ==, cases[i].target);
    }
}

/* ---- Parsing ---- */

typedef struct {
  const char *input;
  const char *scheme;
  const char *user;
  const char *password;
  const char *host;
  const char *unix_path;
  int port;
  const char *path;
  const char *query;
  const char *fragment;
  const char *string;          /* qnet_url_to_string (QNET_URL_DEFAULT) */
  const char *request_target;
  const char *host_header;
} ParseCase;

static const ParseCase good_urls[] = {
  { "http://example.com", "http", NULL, NULL, "example.com", NULL, 80, "", NULL, NULL,
    "http://example.com", "/", "example.com" },
  { "HTTPS://User:P%40ss@Example.COM:8443/a/b?c=d#frag", "https", "User", "P@ss", "example.com", NULL,
    8443, "/a/b", "c=d", "frag",
    "https://User:P%40ss@example.com:8443/a/b?c=d#frag", "/a/b?c=d", "example.com:8443" },
  { "http://[::1]:8080/x", "http", NULL, NULL, "::1", NULL, 8080, "/x", NULL, NULL,
    "http://[::1]:8080/x", "/x", "[::1]:8080" },
  { "http://[FE80::1%25eth0]/", "http", NULL, NULL, "fe80::1%eth0", NULL, 80, "/", NULL, NULL,
    "http://[fe80::1%25eth0]/", "/", "[fe80::1%25eth0]" },
  { "http://[::ffff:192.0.2.1]/", "http", NULL, NULL, "::ffff:192.0.2.1", NULL, 80, "/", NULL, NULL,
    "http://[::ffff:192.0.2.1]/", "/", "[::ffff:192.0.2.1]" },
  { "ftp://ftp.example.org/pub/file.txt", "ftp", NULL, NULL, "ftp.example.org", NULL, 21,
    "/pub/file.txt", NULL, NULL, "ftp://ftp.example.org/pub/file.txt", "/pub/file.txt", "ftp.example.org" },
  { "ftps://anonymous@h", "ftps", "anonymous", NULL, "h", NULL, 21, "", NULL, NULL,
    "ftps://anonymous@h", "/", "h" },
  { "ftp://u:@h:2121/", "ftp", "u", "", "h", NULL, 2121, "/", NULL, NULL,
    "ftp://u:@h:2121/", "/", "h:2121" },
  { "http+unix://%2Ftmp%2Fqnet.sock/api/v1?x=1", "http+unix", NULL, NULL, NULL, "/tmp/qnet.sock", -1,
    "/api/v1", "x=1", NULL, "http+unix://%2Ftmp%2Fqnet.sock/api/v1?x=1", "/api/v1?x=1", "localhost" },
  { "https+unix://%2Frun%2Fa%20b.sock", "https+unix", NULL, NULL, NULL, "/run/a b.sock", -1,
    "", NULL, NULL, "https+unix://%2Frun%2Fa%20b.sock", "/", "localhost" },
  { "http://h:80/", "http", NULL, NULL, "h", NULL, 80, "/", NULL, NULL, "http://h/", "/", "h" },
  { "https://h:443", "https", NULL, NULL, "h", NULL, 443, "", NULL, NULL, "https://h", "/", "h" },
  { "http://h:/p", "http", NULL, NULL, "h", NULL, 80, "/p", NULL, NULL, "http://h/p", "/p", "h" },
  { "http://h:00080/p", "http", NULL, NULL, "h", NULL, 80, "/p", NULL, NULL, "http://h/p", "/p", "h" },
  { "http://h/a/./b/../c/.", "http", NULL, NULL, "h", NULL, 80, "/a/c/", NULL, NULL,
    "http://h/a/c/", "/a/c/", "h" },
  { "http://h/caf\xc3\xa9?q=\xc3\xa9#\xc3\xa9", "http", NULL, NULL, "h", NULL, 80, "/caf%C3%A9", "q=%C3%A9",
    "%C3%A9", "http://h/caf%C3%A9?q=%C3%A9#%C3%A9", "/caf%C3%A9?q=%C3%A9", "h" },
  { "http://h/a|b{c}\"^`<>\\[]", "http", NULL, NULL, "h", NULL, 80, "/a%7Cb%7Bc%7D%22%5E%60%3C%3E%5C%5B%5D",
    NULL, NULL, "http://h/a%7Cb%7Bc%7D%22%5E%60%3C%3E%5C%5B%5D", "/a%7Cb%7Bc%7D%22%5E%60%3C%3E%5C%5B%5D", "h" },
  { "http://h/?q=a%20b&r=/?:@", "http", NULL, NULL, "h", NULL, 80, "/", "q=a%20b&r=/?:@", NULL,
    "http://h/?q=a%20b&r=/?:@", "/?q=a%20b&r=/?:@", "h" },
  { "http://h#f#g", "http", NULL, NULL, "h", NULL, 80, "", NULL, "f%23g", "http://h#f%23g", "/", "h" },
  { "http://h?x", "http", NULL, NULL, "h", NULL, 80, "", "x", NULL, "http://h?x", "/?x", "h" },
  { "http://b\xc3\xbc" "cher.example/", "http", NULL, NULL, "xn--bcher-kva.example", NULL, 80, "/", NULL, NULL,
    "http://xn--bcher-kva.example/", "/", "xn--bcher-kva.example" },
  { "http://user:pa:ss@h/", "http", "user", "pa:ss", "h", NULL, 80, "/", NULL, NULL,
    "http://user:pa%3Ass@h/", "/", "h" },
  { "http://us@er:p@w@h/", "http", "us@er", "p@w", "h", NULL, 80, "/", NULL, NULL,
    "http://us%40er:p%40w@h/", "/", "h" },
  { "http://%C3%A9t%C3%A9:%20@h/", "http", "\xc3\xa9t\xc3\xa9", " ", "h", NULL, 80, "/", NULL, NULL,
    "http://%C3%A9t%C3%A9:%20@h/", "/", "h" },
  { "http://192.168.0.1:65535/", "http", NULL, NULL, "192.168.0.1", NULL, 65535, "/", NULL, NULL,
    "http://192.168.0.1:65535/", "/", "192.168.0.1:65535" },
  { "http://a.b-c_d~e./", "http", NULL, NULL, "a.b-c_d~e.", NULL, 80, "/", NULL, NULL,
    "http://a.b-c_d~e./", "/", "a.b-c_d~e." },
  { "custom+x.y-z://h/x", "custom+x.y-z", NULL, NULL, "h", NULL, -1, "/x", NULL, NULL,
    "custom+x.y-z://h/x", "/x", "h" },
};

static void
test_parse_good (gconstpointer data)
{
  const ParseCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetUrl) url = qnet_url_parse (c->input, &error);
  g_autoptr(QnetUrl) again = NULL;
  g_autoptr(QnetUrl) copy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *target = NULL;
  g_autofree char *host_header = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (url);
  g_assert_cmpstr (url->scheme, ==, c->scheme);
  g_assert_cmpstr (url->user, ==, c->user);
  g_assert_cmpstr (url->password, ==, c->password);
  g_assert_cmpstr (url->host, ==, c->host);
  g_assert_cmpstr (url->unix_path, ==, c->unix_path);
  g_assert_cmpint (url->port, ==, c->port);
  g_assert_cmpstr (url->path, ==, c->path);
  g_assert_cmpstr (url->query, ==, c->query);
  g_assert_cmpstr (url->fragment, ==, c->fragment);
  g_assert_true (qnet_url_is_unix (url) == (c->unix_path != NULL));

  text = qnet_url_to_string (url, QNET_URL_DEFAULT);
  g_assert_cmpstr (text, ==, c->string);
  target = qnet_url_get_request_target (url);
  g_assert_cmpstr (target, ==, c->request_target);
  host_header = qnet_url_get_host_header (url);
  g_assert_cmpstr (host_header, ==, c->host_header);

  /* Serialising then parsing again is stable. */
  again = qnet_url_parse (text, &error);
  g_assert_no_error (error);
  text2 = qnet_url_to_string (again, QNET_URL_DEFAULT);
  g_assert_cmpstr (text2, ==, text);
  g_assert_true (qnet_url_same_origin (url, again));

  copy = qnet_url_copy (url);
  g_clear_pointer (&text2, g_free);
  text2 = qnet_url_to_string (copy, QNET_URL_DEFAULT);
  g_assert_cmpstr (text2, ==, text);
}

typedef struct {
  const char *name;
  const char *input;
} BadUrl;

static const BadUrl bad_urls[] = {
  { "empty", "" },
  { "no-scheme", "example.com" },
  { "no-scheme-port", "example.com:80/x" },
  { "path-only", "/path" },
  { "one-slash", "http:/x" },
  { "opaque", "http:x" },
  { "mailto", "mailto:a@b" },
  { "empty-scheme", "://h/" },
  { "scheme-digit", "1http://h/" },
  { "scheme-space", "ht tp://h/" },
  { "empty-host", "http://" },
  { "empty-host-path", "http:///path" },
  { "empty-host-port", "http://:80/" },
  { "empty-host-userinfo", "http://u:p@/" },
  { "port-zero", "http://h:0/" },
  { "port-65536", "http://h:65536/" },
  { "port-negative", "http://h:-1/" },
  { "port-plus", "http://h:+80/" },
  { "port-letters", "http://h:8a/" },
  { "port-six-digits", "http://h:123456/" },
  { "port-huge", "http://h:99999999999999999999/" },
  { "port-space", "http://h: 80/" },
  { "port-two-colons", "http://h:80:81/" },
  { "port-not-utf8", "http://h:-\xb8" "0/" },  /* found by fuzz_url */
  { "space-in-host", "http://h st/" },
  { "space-in-path", "http://h/a b" },
  { "space-leading", " http://h/" },
  { "space-trailing", "http://h/ " },
  { "tab", "http://h/\t" },
  { "crlf", "http://h/\r\nHost: evil" },
  { "lf", "http://h/\n" },
  { "del", "http://h/\x7f" },
  { "control", "http://h/\x01" },
  { "control-in-host", "http://h\x02/" },
  { "bad-escape", "http://h/%zz" },
  { "short-escape", "http://h/%4" },
  { "escape-at-end", "http://h/?%" },
  { "escape-in-fragment", "http://h/#%g0" },
  { "userinfo-nul", "http://u%00@h/" },
  { "userinfo-bad-escape", "http://u%zz@h/" },
  { "userinfo-not-utf8", "http://u%ff@h/" },
  { "password-nul", "http://u:p%00@h/" },
  { "ipv6-unclosed", "http://[::1/" },
  { "ipv6-junk-after", "http://[::1]x/" },
  { "ipv6-bad", "http://[zz::1]/" },
  { "ipv6-ipv4-in-brackets", "http://[1.2.3.4]/" },
  { "ipv6-raw-zone", "http://[fe80::1%eth0]/" },
  { "ipv6-empty-zone", "http://[fe80::1%25]/" },
  { "ipvfuture", "http://[v1.x]/" },
  { "ipv6-unbracketed", "http://::1/" },
  { "host-sub-delim", "http://ho!st/" },
  { "host-escape", "http://ho%41st/" },
  { "host-bracket", "http://ho]st/" },
  { "host-not-utf8", "http://\xff/" },
  { "unix-empty", "http+unix:///path" },
  { "unix-port", "http+unix://%2Ftmp%2Fs:80/" },
  { "unix-nul", "http+unix://%2Ftmp%00/" },
};

static void
test_parse_bad (gconstpointer data)
{
  const BadUrl *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetUrl) url = qnet_url_parse (c->input, &error);

  g_assert_null (url);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_INVALID_URL);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
test_parse_too_long (void)
{
  GString *s = g_string_new ("http://h/");
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetUrl) url = NULL;

  while (s->len <= QNET_URL_MAX_LENGTH)
    g_string_append (s, "aaaaaaaaaaaaaaaa");
  url = qnet_url_parse (s->str, &error);
  g_assert_null (url);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_INVALID_URL);
  g_string_free (s, TRUE);
}

static void
test_flags (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QnetUrl) url = qnet_url_parse ("https://alice:s3cret@h:444/p?q#f", &error);
  g_autofree char *safe = NULL;
  g_autofree char *bare = NULL;
  g_autofree char *nofrag = NULL;
  g_autofree char *all = NULL;

  g_assert_no_error (error);
  safe = qnet_url_to_string (url, QNET_URL_OMIT_PASSWORD);
  g_assert_cmpstr (safe, ==, "https://alice@h:444/p?q#f");
  bare = qnet_url_to_string (url, QNET_URL_OMIT_USERINFO | QNET_URL_OMIT_FRAGMENT);
  g_assert_cmpstr (bare, ==, "https://h:444/p?q");
  nofrag = qnet_url_to_string (url, QNET_URL_OMIT_FRAGMENT);
  g_assert_cmpstr (nofrag, ==, "https://alice:s3cret@h:444/p?q");
  all = qnet_url_to_string (url, QNET_URL_DEFAULT);
  g_assert_cmpstr (all, ==, "https://alice:s3cret@h:444/p?q#f");
}

static void
test_default_ports (void)
{
  g_assert_cmpint (qnet_url_get_default_port ("http"), ==, 80);
  g_assert_cmpint (qnet_url_get_default_port ("https"), ==, 443);
  g_assert_cmpint (qnet_url_get_default_port ("ftp"), ==, 21);
  g_assert_cmpint (qnet_url_get_default_port ("ftps"), ==, 21);
  g_assert_cmpint (qnet_url_get_default_port ("http+unix"), ==, -1);
  g_assert_cmpint (qnet_url_get_default_port ("gopher"), ==, -1);
  g_assert_cmpint (qnet_url_get_default_port (NULL), ==, -1);
}

typedef struct {
  const char *a;
  const char *b;
  gboolean same;
} OriginCase;

static const OriginCase origins[] = {
  { "http://a/x", "http://a:80/y?z", TRUE },
  { "http://a/", "https://a/", FALSE },
  { "http://a/", "http://A/", TRUE },
  { "http://a:8080/", "http://a/", FALSE },
  { "http://u:p@a/", "http://a/", TRUE },
  { "http://a/", "http://b/", FALSE },
  { "http://a./", "http://a/", FALSE },
  { "https://a:443/", "https://a/", TRUE },
  { "ftp://a/", "ftps://a/", FALSE },
  { "http://[::1]/", "http://[::1]:80/", TRUE },
  { "http://[::1]/", "http://127.0.0.1/", FALSE },
  { "http+unix://%2Fs/", "http+unix://%2Fs/x", TRUE },
  { "http+unix://%2Fs/", "http+unix://%2Ft/", FALSE },
  { "http+unix://%2Fs/", "https+unix://%2Fs/", FALSE },
  { "http+unix://localhost/", "http://localhost/", FALSE },
};

static void
test_origins (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (origins); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QnetUrl) a = qnet_url_parse (origins[i].a, &error);
      g_autoptr(QnetUrl) b = NULL;

      g_assert_no_error (error);
      b = qnet_url_parse (origins[i].b, &error);
      g_assert_no_error (error);
      g_assert_true (qnet_url_same_origin (a, b) == origins[i].same);
      g_assert_true (qnet_url_same_origin (b, a) == origins[i].same);
    }
}

static void
test_unescape (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = qnet_uri_unescape ("a%2Fb%2fc%41", -1, &error);
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "a/b/cA");
  b = qnet_uri_unescape ("abc%", -1, &error);
  g_assert_null (b);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_INVALID_URL);
  g_clear_error (&error);
  c = qnet_uri_unescape ("a%4142", 3, &error);
  g_assert_null (c);
  g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_INVALID_URL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (normal_examples); i++)
    {
      g_autofree char *path = g_strdup_printf ("/proto/url/rfc3986-5.4.1/%" G_GSIZE_FORMAT, i + 1);

      g_test_add_data_func (path, &normal_examples[i], test_resolve_case);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (abnormal_examples); i++)
    {
      g_autofree char *path = g_strdup_printf ("/proto/url/rfc3986-5.4.2/%" G_GSIZE_FORMAT, i + 1);

      g_test_add_data_func (path, &abnormal_examples[i], test_resolve_case);
    }
  g_test_add_func ("/proto/url/resolve-errors", test_resolve_errors);
  g_test_add_func ("/proto/url/resolve-redirects", test_resolve_redirects);
  g_test_add_func ("/proto/url/remove-dot-segments", test_remove_dot_segments);

  for (gsize i = 0; i < G_N_ELEMENTS (good_urls); i++)
    {
      g_autofree char *path = g_strdup_printf ("/proto/url/parse/good/%" G_GSIZE_FORMAT, i + 1);

      g_test_add_data_func (path, &good_urls[i], test_parse_good);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    {
      g_autofree char *path = g_strdup_printf ("/proto/url/parse/bad/%s", bad_urls[i].name);

      g_test_add_data_func (path, &bad_urls[i], test_parse_bad);
    }
  g_test_add_func ("/proto/url/parse/too-long", test_parse_too_long);
  g_test_add_func ("/proto/url/flags", test_flags);
  g_test_add_func ("/proto/url/default-ports", test_default_ports);
  g_test_add_func ("/proto/url/origins", test_origins);
  g_test_add_func ("/proto/url/unescape", test_unescape);

  return g_test_run ();
}
