/* test_queue.c: the future event set against a naive reference.
 * The reference is an unsorted array scanned for the minimum (SQLite's
 * Bitvec-vs-bit-array idea): random pushes, pops and cancels must give the
 * same sequence from both. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "queue.h"
#include "rng.h"

typedef struct ref_queue {
    sim_event ev[20000];
    int live[20000];
    size_t n;
} ref_queue;

static int ref_pop(ref_queue *r, sim_event *out)
{
    size_t best = r->n;
    for (size_t i = 0; i < r->n; i++)
        if (r->live[i] && (best == r->n || sim_event_before(&r->ev[i], &r->ev[best]))) best = i;
    if (best == r->n) return 0;
    *out = r->ev[best];
    r->live[best] = 0;
    return 1;
}

static sim_event make(int64_t t, int32_t prio, uint64_t seq)
{
    sim_event e = {0};
    e.time_ns = t;
    e.priority = prio;
    e.seq = seq;
    return e;
}

static void test_queue_matches_naive_reference_under_random_operations(void **st)
{
    (void)st;
    ref_queue *ref = calloc(1, sizeof *ref);
    sim_queue q;
    sim_queue_init(&q);
    sim_rng rng;
    sim_rng_seed(&rng, 42, "queue-test");
    uint64_t seq = 0;
    size_t live = 0;
    for (int op = 0; op < 15000; op++) {
        int64_t r = sim_rng_range(&rng, 0, 9);
        if (r < 5 && ref->n < 20000) {
            sim_event e = make(sim_rng_range(&rng, 0, 50), (int32_t)sim_rng_range(&rng, -1, 1), ++seq);
            assert_int_equal(sim_queue_push(&q, &e), 0);
            ref->ev[ref->n] = e;
            ref->live[ref->n++] = 1;
            live++;
        } else if (r < 8) {
            sim_event a, b;
            int ga = sim_queue_pop(&q, &a), gb = ref_pop(ref, &b);
            assert_int_equal(ga, gb);
            if (ga) {
                assert_int_equal(a.seq, b.seq);
                live--;
            }
        } else if (ref->n) {
            size_t i = (size_t)sim_rng_range(&rng, 0, (int64_t)ref->n - 1);
            int expect_ok = ref->live[i];
            int got = sim_queue_cancel(&q, ref->ev[i].seq);
            assert_int_equal(got == 0, expect_ok);
            if (expect_ok) {
                ref->live[i] = 0;
                live--;
            }
        }
        assert_int_equal(sim_queue_size(&q), live);
    }
    sim_event a, b;
    while (ref_pop(ref, &b)) {
        assert_true(sim_queue_pop(&q, &a));
        assert_int_equal(a.seq, b.seq);
    }
    assert_false(sim_queue_pop(&q, &a));
    sim_queue_free(&q);
    free(ref);
}

static void test_queue_equal_times_run_in_schedule_order(void **st)
{
    (void)st;
    sim_queue q;
    sim_queue_init(&q);
    for (uint64_t s = 1; s <= 100; s++) {
        sim_event e = make(5, 0, s);
        sim_queue_push(&q, &e);
    }
    sim_event out;
    for (uint64_t s = 1; s <= 100; s++) {
        assert_true(sim_queue_pop(&q, &out));
        assert_int_equal(out.seq, s);
    }
    sim_queue_free(&q);
}

static void test_queue_priority_breaks_ties_before_seq(void **st)
{
    (void)st;
    sim_queue q;
    sim_queue_init(&q);
    sim_event a = make(7, 100, 1), b = make(7, 0, 2), c = make(7, -10, 3), d = make(6, 100, 4);
    sim_queue_push(&q, &a);
    sim_queue_push(&q, &b);
    sim_queue_push(&q, &c);
    sim_queue_push(&q, &d);
    uint64_t order[] = {4, 3, 2, 1};
    sim_event out;
    for (int i = 0; i < 4; i++) {
        assert_true(sim_queue_pop(&q, &out));
        assert_int_equal(out.seq, order[i]);
    }
    sim_queue_free(&q);
}

static void test_queue_cancel_skips_event_and_rejects_second_cancel(void **st)
{
    (void)st;
    sim_queue q;
    sim_queue_init(&q);
    for (uint64_t s = 1; s <= 3; s++) {
        sim_event e = make((int64_t)s, 0, s);
        sim_queue_push(&q, &e);
    }
    assert_int_equal(sim_queue_cancel(&q, 1), 0);
    assert_int_equal(sim_queue_cancel(&q, 1), -1);
    assert_int_equal(sim_queue_cancel(&q, 99), -1);
    assert_int_equal(sim_queue_size(&q), 2);
    assert_int_equal(sim_queue_peek(&q)->seq, 2);
    sim_event out;
    assert_true(sim_queue_pop(&q, &out));
    assert_int_equal(out.seq, 2);
    assert_int_equal(sim_queue_cancel(&q, 2), -1); /* already run */
    assert_true(sim_queue_pop(&q, &out));
    assert_int_equal(out.seq, 3);
    assert_false(sim_queue_pop(&q, &out));
    assert_int_equal(q.dead_len, 0);
    sim_queue_free(&q);
}

static void test_queue_copy_is_independent(void **st)
{
    (void)st;
    sim_queue q, c;
    sim_queue_init(&q);
    for (uint64_t s = 1; s <= 10; s++) {
        sim_event e = make(100 - (int64_t)s, 0, s);
        sim_queue_push(&q, &e);
    }
    sim_queue_cancel(&q, 10);
    assert_int_equal(sim_queue_copy(&c, &q), 0);
    sim_event out;
    while (sim_queue_pop(&q, &out)) {}
    assert_int_equal(sim_queue_size(&c), 9);
    assert_true(sim_queue_pop(&c, &out));
    assert_int_equal(out.seq, 9);
    sim_queue_free(&q);
    sim_queue_free(&c);
}

static void test_queue_held_event_survives_growth_until_release(void **st)
{
    (void)st;
    sim_queue q;
    sim_queue_init(&q);
    sim_event e = make(1, 0, 1);
    e.p.w[0] = 4242;
    sim_queue_push(&q, &e);
    const sim_event *held = sim_queue_pop_ref(&q);
    assert_non_null(held);
    /* A handler may schedule many events, growing the slab several times. */
    for (uint64_t s = 2; s < 5000; s++) {
        sim_event x = make((int64_t)s, 0, s);
        assert_int_equal(sim_queue_push(&q, &x), 0);
    }
    assert_int_equal(held->seq, 1);
    assert_int_equal(held->p.w[0], 4242);
    sim_queue_release(&q);
    assert_int_equal(sim_queue_size(&q), 4998);
    sim_event out;
    assert_true(sim_queue_pop(&q, &out));
    assert_int_equal(out.seq, 2);
    sim_queue_free(&q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_queue_matches_naive_reference_under_random_operations),
        cmocka_unit_test(test_queue_equal_times_run_in_schedule_order),
        cmocka_unit_test(test_queue_priority_breaks_ties_before_seq),
        cmocka_unit_test(test_queue_cancel_skips_event_and_rejects_second_cancel),
        cmocka_unit_test(test_queue_copy_is_independent),
        cmocka_unit_test(test_queue_held_event_survives_growth_until_release),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
