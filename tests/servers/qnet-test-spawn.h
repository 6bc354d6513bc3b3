/* qnet-test-spawn.h: start peer programs that die with the test
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Like g_subprocess_newv(), but the child gets SIGKILL when the test
 * process dies (PR_SET_PDEATHSIG), so an aborted test never leaves an
 * nginx, gnutls-serv or curl running behind it. */
GSubprocess *qnet_test_spawn_peer (const char * const  *argv,
                                   GSubprocessFlags     flags,
                                   GError             **error);

G_END_DECLS
