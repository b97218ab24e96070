/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-gone.c — the office's server stops in the middle of a write
 * and starts again: nothing of the write is kept, every statement meanwhile
 * fails at once with SP_STORE_ERROR_UNREACHABLE, and the store connects
 * again by itself and hears the other desks again. And the connection
 * breaks between COMMIT and its reply: the desk does not know whether the
 * write landed (it had), and the same write made again with its uuid is
 * not made twice.
 *
 * Runs with a server of its own (run-own-server.sh), which it stops and
 * starts.
 */
#define _GNU_SOURCE  /* memmem */
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "sp-appointment.h"
#include "sp-booking-service.h"
#include "sp-error.h"
#include "sp-pending-write.h"
#include "sp-test-util.h"

/* Stops or starts the test's own server (run-own-server.sh). */
static void
cluster (const char *action)
{
  const char *argv[] = { g_getenv ("SPORTELLO_TEST_SERVER_CTL"), action, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}

/* Polls until the store is connected again; whether it says everything
 * may have changed meanwhile. */
static gboolean
wait_for_reconnection (SpStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  gboolean changed = FALSE;

  while (!sp_store_poll_changes (store, &changed, &error))
    {
      g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREACHABLE);
      g_clear_error (&error);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50 * 1000);
    }
  return changed;
}

static gboolean
write_while_server_stops (SpStore *store, gpointer user_data, GError **error)
{
  guint *runs = user_data;

  ++*runs;
  if (!sp_store_set_setting (store, "gone.first", "written", error))
    return FALSE;
  cluster ("stop");
  return sp_store_set_setting (store, "gone.second", "written", error);
}

static void
test_server_gone (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  gboolean changed = FALSE;
  guint runs = 0;
  gint64 deadline;

  g_assert_true (sp_store_poll_changes (db->store, &changed, &error));
  g_assert_no_error (error);

  /* The server stops between two statements of one transaction. */
  g_assert_false (sp_store_transaction (db->store, write_while_server_stops, &runs, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREACHABLE);
  g_assert_cmpuint (runs, ==, 1);
  g_assert_false (sp_store_in_transaction (db->store));
  g_clear_error (&error);

  /* Meanwhile everything says so at once, nothing waits. */
  g_assert_false (sp_store_poll_changes (db->store, &changed, &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_false (sp_store_set_setting (db->store, "gone.meanwhile", "x", &error));
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREACHABLE);
  g_clear_error (&error);

  cluster ("start");
  /* Back: everything may have changed meanwhile. */
  g_assert_true (wait_for_reconnection (db->store));

  /* No half of the write survived; the store writes again. */
  first = sp_store_get_setting (db->store, "gone.first");
  g_assert_null (first);
  g_assert_true (sp_store_set_setting (db->store, "gone.again", "written", &error));
  g_assert_no_error (error);
  again = sp_store_get_setting (db->store, "gone.again");
  g_assert_cmpstr (again, ==, "written");

  /* And it listens to the other desks again. */
  g_assert_true (sp_store_poll_changes (db->store, &changed, &error));
  /* (What another desk's sp_store_transaction() does.) */
  sp_test_pg_exec (db->path, "INSERT INTO settings (key, value, updated_at) VALUES ('gone.other', 'desk 2', 0); "
                             "NOTIFY sportello_changes", FALSE);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      g_usleep (50 * 1000);
      g_assert_true (sp_store_poll_changes (db->store, &changed, &error));
      g_assert_no_error (error);
    }
  while (!changed && g_get_monotonic_time () < deadline);
  g_assert_true (changed);
}

/* A TCP proxy in front of the server's socket that, when asked, lets the
 * next COMMIT through and then cuts the desk off before the server's reply
 * reaches it: the network failing at the worst moment. */
typedef struct
{
  int    listener;
  int    port;
  char  *server_socket;
  gint   cut_next_commit;
} Proxy;

typedef struct
{
  Proxy *proxy;
  int    desk;
  int    server;
  gint   swallow_reply;
} Link;

static gboolean
send_all (int fd, const char *data, gssize n)
{
  while (n > 0)
    {
      gssize sent = send (fd, data, n, MSG_NOSIGNAL);
      if (sent <= 0)
        return FALSE;
      data += sent;
      n -= sent;
    }
  return TRUE;
}

/* Desk to server: a COMMIT to be cut marks the link before it leaves. */
static gpointer
pump_to_server (gpointer data)
{
  Link *link = data;
  char buffer[65536];
  gssize n;

  while ((n = recv (link->desk, buffer, sizeof buffer, 0)) > 0)
    {
      if (memmem (buffer, n, "COMMIT", sizeof "COMMIT") != NULL &&
          g_atomic_int_compare_and_exchange (&link->proxy->cut_next_commit, 1, 0))
        g_atomic_int_set (&link->swallow_reply, 1);
      if (!send_all (link->server, buffer, n))
        break;
    }
  shutdown (link->server, SHUT_RDWR);
  return NULL;
}

/* Server to desk: the reply to the cut COMMIT (the server has committed
 * when it answers) never arrives; the connection goes instead. */
static gpointer
pump_to_desk (gpointer data)
{
  Link *link = data;
  char buffer[65536];
  gssize n;

  while ((n = recv (link->server, buffer, sizeof buffer, 0)) > 0)
    {
      if (g_atomic_int_get (&link->swallow_reply) || !send_all (link->desk, buffer, n))
        break;
    }
  shutdown (link->desk, SHUT_RDWR);
  shutdown (link->server, SHUT_RDWR);
  return NULL;
}

static gpointer
proxy_accept (gpointer data)
{
  Proxy *proxy = data;
  int desk;

  while ((desk = accept (proxy->listener, NULL, NULL)) >= 0)
    {
      struct sockaddr_un address = { .sun_family = AF_UNIX };
      Link *link = g_new0 (Link, 1);

      link->proxy = proxy;
      link->desk = desk;
      link->server = socket (AF_UNIX, SOCK_STREAM, 0);
      g_strlcpy (address.sun_path, proxy->server_socket, sizeof address.sun_path);
      g_assert_cmpint (connect (link->server, (struct sockaddr *) &address, sizeof address), ==, 0);
      /* The test's process ends with its links: they are not joined. */
      g_thread_unref (g_thread_new ("to-server", pump_to_server, link));
      g_thread_unref (g_thread_new ("to-desk", pump_to_desk, link));
    }
  return NULL;
}

static Proxy *
proxy_start (const char *server_socket)
{
  Proxy *proxy = g_new0 (Proxy, 1);
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t length = sizeof address;

  proxy->server_socket = g_strdup (server_socket);
  proxy->listener = socket (AF_INET, SOCK_STREAM, 0);
  g_assert_cmpint (bind (proxy->listener, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (listen (proxy->listener, 16), ==, 0);
  g_assert_cmpint (getsockname (proxy->listener, (struct sockaddr *) &address, &length), ==, 0);
  proxy->port = ntohs (address.sin_port);
  g_thread_unref (g_thread_new ("proxy", proxy_accept, proxy));
  return proxy;
}

static void
test_commit_reply_lost (SpTestDb *db, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPendingWrite) pending = sp_pending_write_new ();
  g_autoptr(SpBookingService) cie = NULL;
  g_autoptr(SpAppointment) lost = NULL;
  g_autoptr(SpAppointment) retried = NULL;
  g_autoptr(SpAppointment) next = NULL;
  g_autoptr(SpStore) desk = NULL;
  g_autofree char *server_socket = NULL;
  g_autofree char *location = NULL;
  g_autofree char *uuid = NULL;
  const char *schema;
  Proxy *proxy;

  /* The desk reaches the test's schema through the proxy. */
  server_socket = g_strdup_printf ("%s/.s.PGSQL.5432", g_getenv ("SPORTELLO_OWN_SERVER_DIR"));
  proxy = proxy_start (server_socket);
  schema = strstr (db->path, "search_path%3D");
  g_assert_nonnull (schema);
  location = g_strdup_printf ("postgresql://postgres@127.0.0.1:%d/postgres?sslmode=disable&gssencmode=disable"
                              "&options=-c%s", proxy->port, schema);
  desk = sp_store_open (location, &error);
  g_assert_no_error (error);
  cie = sp_booking_service_lookup (desk, "cie", &error);
  g_assert_no_error (error);

  /* The ticket is committed, and its reply lost. */
  uuid = g_strdup (sp_pending_write_uuid (pending, "walk-in|Rossi"));
  g_atomic_int_set (&proxy->cut_next_commit, 1);
  lost = sp_appointment_walk_in (desk, SP_ACTOR_SYSTEM, uuid, cie->id, NULL, sp_store_now (), &error);
  g_assert_null (lost);
  g_assert_error (error, SP_STORE_ERROR, SP_STORE_ERROR_UNREACHABLE);
  /* The clerk is told to do it again, not to look first. */
  g_assert_nonnull (strstr (error->message, "do the same again"));
  g_assert_false (g_atomic_int_get (&proxy->cut_next_commit));
  sp_pending_write_settle (pending, error);
  g_clear_error (&error);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM appointments"), ==, 1);

  /* Back, the desk does it again: the same ticket, written once. */
  wait_for_reconnection (desk);
  g_assert_cmpstr (sp_pending_write_uuid (pending, "walk-in|Rossi"), ==, uuid);
  retried = sp_appointment_walk_in (desk, SP_ACTOR_SYSTEM, uuid, cie->id, NULL, sp_store_now (), &error);
  g_assert_no_error (error);
  sp_pending_write_settle (pending, error);
  g_assert_cmpstr (sp_appointment_get_uuid (retried), ==, uuid);
  g_assert_cmpint (sp_appointment_get_ticket (retried), ==, 1);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM appointments"), ==, 1);
  g_assert_cmpint (sp_test_count (db, "SELECT count(*) FROM audit WHERE action = 'appointment-walk-in'"), ==, 1);

  /* The next citizen is the next ticket. */
  next = sp_appointment_walk_in (desk, SP_ACTOR_SYSTEM, sp_pending_write_uuid (pending, "walk-in|Rossi"),
                                 cie->id, NULL, sp_store_now (), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_appointment_get_ticket (next), ==, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!sp_test_on_postgresql ())
    {
      g_printerr ("test-server-gone needs a server of its own: run it with run-own-server.sh\n");
      return 1;
    }
  SP_TEST_ADD ("/store/server-gone", test_server_gone);
  SP_TEST_ADD ("/store/commit-reply-lost", test_commit_reply_lost);

  return g_test_run ();
}
