/* qnet-test-emitter.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "qnet-test-emitter.h"

struct _QnetTestEmitter
{
  QnetEmitter parent_instance;
};

G_DEFINE_FINAL_TYPE (QnetTestEmitter, qnet_test_emitter, QNET_TYPE_EMITTER)

static void
qnet_test_emitter_class_init (QnetTestEmitterClass *klass)
{
  _qnet_emitter_class_install_event (klass, QNET_EVENT_PACKET_READ, G_TYPE_NONE);
  _qnet_emitter_class_install_event (klass, QNET_EVENT_PACKET_SENT, G_TYPE_NONE);
  _qnet_emitter_class_install_event (klass, QNET_EVENT_CONNECTING, G_TYPE_NONE);
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HOSTNAME_RESOLVED, G_TYPE_NONE);
  _qnet_emitter_class_install_event (klass, QNET_EVENT_HTTP_MESSAGE_RECEIVED, G_TYPE_NONE);
  _qnet_emitter_class_install_event (klass, QNET_EVENT_SOCKET_DATA_READ, G_TYPE_NONE);
  _qnet_emitter_class_install_event (klass, QNET_EVENT_INCOMING_CONNECTION,
                                     G_TYPE_FROM_CLASS (klass));
}

static void
qnet_test_emitter_init (QnetTestEmitter *self)
{
  _qnet_emitter_set_label (QNET_EMITTER (self), "test-emitter");
}

QnetTestEmitter *
qnet_test_emitter_new (void)
{
  return g_object_new (QNET_TYPE_TEST_EMITTER, NULL);
}
