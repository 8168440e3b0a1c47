/* sql_quote.h: names and values that reach SQL, quoted so that any name from user data
 * (Chinese, quotes, spaces, semicolons, keywords) stays one identifier or one literal. */
#ifndef PC_SQL_QUOTE_H
#define PC_SQL_QUOTE_H

/* `s` as an SQL string literal: in single quotes, each ' doubled. Caller frees; NULL on out
 * of memory. */
char *pc_sql_literal(const char *s);

/* `s` as an SQL identifier: in double quotes, each " doubled (SQLite and PostgreSQL alike).
 * Caller frees; NULL on out of memory. */
char *pc_sql_ident(const char *s);

#endif
