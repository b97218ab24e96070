/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-context.c — store and session shared by the views */
#define G_LOG_DOMAIN "sp-context"

#include "config.h"

#include "sp-context.h"
#include "sp-demo.h"

struct _SpContext
{
  GObject     parent_instance;

  SpStore       *store;
  SpMaintenance *maintenance;
  SpDesk        *desk;
  SpOperator    *operator;
  gboolean       locked;
};

G_DEFINE_FINAL_TYPE (SpContext, sp_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_MAINTENANCE,
  PROP_DESK,
  PROP_OPERATOR,
  PROP_LOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
audit_quietly (SpContext  *self,
               const char *action)
{
  g_autoptr(GError) error = NULL;

  if (!sp_audit_record (self->store, sp_context_get_actor (self), action, NULL, NULL, &error))
    g_warning ("Could not record “%s” in the audit trail: %s", action, error->message);
}

static void
set_locked (SpContext *self,
            gboolean   locked)
{
  if (self->locked == locked)
    return;

  self->locked = locked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

SpContext *
sp_context_new (SpStore *store)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return g_object_new (SP_TYPE_CONTEXT, "store", store, NULL);
}

SpStore *
sp_context_get_store (SpContext *self)
{
  g_return_val_if_fail (SP_IS_CONTEXT (self), NULL);
  return self->store;
}

SpDesk *
sp_context_get_desk (SpContext *self)
{
  g_return_val_if_fail (SP_IS_CONTEXT (self), NULL);
  return self->desk;
}

SpOperator *
sp_context_get_operator (SpContext *self)
{
  g_return_val_if_fail (SP_IS_CONTEXT (self), NULL);
  return self->operator;
}

gboolean
sp_context_get_locked (SpContext *self)
{
  g_return_val_if_fail (SP_IS_CONTEXT (self), FALSE);
  return self->locked;
}

SpActor
sp_context_get_actor (SpContext *self)
{
  SpActor actor = SP_ACTOR_SYSTEM;

  g_return_val_if_fail (SP_IS_CONTEXT (self), actor);

  if (self->desk != NULL)
    actor.desk_id = sp_desk_get_id (self->desk);
  if (self->operator != NULL)
    actor.operator_id = sp_operator_get_id (self->operator);

  return actor;
}

SpMaintenance *
sp_context_get_maintenance (SpContext *self)
{
  g_return_val_if_fail (SP_IS_CONTEXT (self), NULL);
  return self->maintenance;
}

void
sp_context_set_maintenance (SpContext     *self,
                            SpMaintenance *maintenance)
{
  g_return_if_fail (SP_IS_CONTEXT (self));
  g_return_if_fail (maintenance == NULL || SP_IS_MAINTENANCE (maintenance));

  if (g_set_object (&self->maintenance, maintenance))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAINTENANCE]);
}

gboolean
sp_context_get_demo (SpContext *self)
{
  g_autoptr(GError) error = NULL;
  gboolean demo;

  g_return_val_if_fail (SP_IS_CONTEXT (self), FALSE);

  /* The demo writes one audit row when it is done. */
  demo = sp_audit_has_action (self->store, SP_AUDIT_DEMO_DATA, &error);
  if (error != NULL)
    g_warning ("Cannot read the audit trail: %s", error->message);
  return demo;
}

gboolean
sp_context_sign_in (SpContext   *self,
                    SpDesk      *desk,
                    const char  *username,
                    const char  *password,
                    GError     **error)
{
  g_autoptr(SpOperator) op = NULL;
  gboolean same;

  g_return_val_if_fail (SP_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (SP_IS_DESK (desk), FALSE);

  op = sp_operator_authenticate (self->store, sp_desk_get_id (desk), username, password, error);
  if (op == NULL)
    return FALSE;

  same = self->operator != NULL &&
         sp_operator_get_id (self->operator) == sp_operator_get_id (op) &&
         self->desk != NULL && sp_desk_get_id (self->desk) == sp_desk_get_id (desk);

  if (same && self->locked)
    {
      audit_quietly (self, SP_AUDIT_UNLOCK);
      set_locked (self, FALSE);
      return TRUE;
    }

  if (self->operator != NULL)
    sp_context_sign_out (self);

  g_set_object (&self->desk, desk);
  g_set_object (&self->operator, op);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESK]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR]);
  set_locked (self, FALSE);

  return TRUE;
}

void
sp_context_lock (SpContext *self)
{
  g_return_if_fail (SP_IS_CONTEXT (self));

  if (self->operator == NULL || self->locked)
    return;

  audit_quietly (self, SP_AUDIT_LOCK);
  set_locked (self, TRUE);
}

void
sp_context_sign_out (SpContext *self)
{
  g_return_if_fail (SP_IS_CONTEXT (self));

  if (self->operator == NULL)
    return;

  audit_quietly (self, SP_AUDIT_SIGN_OUT);
  g_clear_object (&self->operator);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR]);
  set_locked (self, FALSE);
}

void
sp_context_notify_changed (SpContext  *self,
                           const char *what)
{
  g_return_if_fail (SP_IS_CONTEXT (self));
  g_return_if_fail (what != NULL);

  g_signal_emit (self, signals[CHANGED], g_quark_from_string (what), what);
}

static void
sp_context_dispose (GObject *object)
{
  SpContext *self = (SpContext *)object;

  g_clear_object (&self->operator);
  g_clear_object (&self->desk);
  g_clear_object (&self->maintenance);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sp_context_parent_class)->dispose (object);
}

static void
sp_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SpContext *self = SP_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_MAINTENANCE:
      g_value_set_object (value, self->maintenance);
      break;
    case PROP_DESK:
      g_value_set_object (value, self->desk);
      break;
    case PROP_OPERATOR:
      g_value_set_object (value, self->operator);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SpContext *self = SP_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_MAINTENANCE:
      sp_context_set_maintenance (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_context_class_init (SpContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sp_context_dispose;
  object_class->get_property = sp_context_get_property;
  object_class->set_property = sp_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAINTENANCE] =
    g_param_spec_object ("maintenance", NULL, NULL, SP_TYPE_MAINTENANCE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DESK] =
    g_param_spec_object ("desk", NULL, NULL, SP_TYPE_DESK,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OPERATOR] =
    g_param_spec_object ("operator", NULL, NULL, SP_TYPE_OPERATOR,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Data many views show (the counter services…) was edited in one of
   * them; the detail says what. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sp_context_init (SpContext *self)
{
}
