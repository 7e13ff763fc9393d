#ifndef BATON_CEDITLINE_SHIM_H
#define BATON_CEDITLINE_SHIM_H
// Fixed-argument wrappers around libedit's variadic el_set/el_get/history,
// which Swift cannot call directly.
#include <histedit.h>
#include <wchar.h>
#include <locale.h>
#include <langinfo.h>

extern int wcwidth(wchar_t);

typedef int (*cel_getcfn_t)(EditLine *, wchar_t *);
typedef unsigned char (*cel_fn_t)(EditLine *, int);
typedef char *(*cel_prompt_t)(EditLine *);

static inline int cel_set_getcfn(EditLine *e, cel_getcfn_t f) { return el_set(e, EL_GETCFN, f); }
static inline int cel_set_clientdata(EditLine *e, void *d) { return el_set(e, EL_CLIENTDATA, d); }
static inline void *cel_get_clientdata(EditLine *e) {
    void *d = NULL;
    el_get(e, EL_CLIENTDATA, &d);
    return d;
}
static inline int cel_set_editor(EditLine *e, const char *mode) { return el_set(e, EL_EDITOR, mode); }
static inline int cel_set_signal(EditLine *e, int on) { return el_set(e, EL_SIGNAL, on); }
static inline int cel_set_prompt_esc(EditLine *e, cel_prompt_t f, char esc) { return el_set(e, EL_PROMPT_ESC, f, esc); }
static inline int cel_addfn(EditLine *e, const char *name, const char *help, cel_fn_t f) {
    return el_set(e, EL_ADDFN, name, help, f);
}
static inline int cel_bind(EditLine *e, const char *key, const char *fn) { return el_set(e, EL_BIND, key, fn, NULL); }
static inline int cel_wbind(EditLine *e, const wchar_t *key, const wchar_t *fn) {
    return el_wset(e, EL_BIND, key, fn, NULL);
}
static inline int cel_setty(EditLine *e, const char *a, const char *b) { return el_set(e, EL_SETTY, a, b, NULL); }
static inline int cel_refresh(EditLine *e) { return el_set(e, EL_REFRESH); }
static inline int cel_prep_term(EditLine *e, int on) { return el_set(e, EL_PREP_TERM, on); }
static inline int cel_set_hist(EditLine *e, History *h) { return el_set(e, EL_HIST, history, h); }
static inline int cel_columns(EditLine *e) {
    int co = 0;
    if (el_get(e, EL_GETTC, "co", &co, NULL) != 0) return 0;
    return co;
}

static inline int cel_history_setsize(History *h, int n) { HistEvent ev; return history(h, &ev, H_SETSIZE, n); }
static inline int cel_history_setunique(History *h, int on) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, on); }
static inline int cel_history_enter(History *h, const char *s) { HistEvent ev; return history(h, &ev, H_ENTER, s); }
static inline int cel_history_load(History *h, const char *f) { HistEvent ev; return history(h, &ev, H_LOAD, f); }
static inline int cel_history_save(History *h, const char *f) { HistEvent ev; return history(h, &ev, H_SAVE, f); }

/* Flushes C stdio's stdout only. Swift 6 rejects the `stdout` global in release builds, and
   fflush(NULL) would also lock stdin, deadlocking against a blocked read of piped input. */
static inline void cel_flush_stdout(void) { fflush(stdout); }

#endif
