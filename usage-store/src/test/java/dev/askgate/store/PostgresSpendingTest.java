package dev.askgate.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.sql.SQLException;

/** Spend control on PostgreSQL, each test in its own schema: two replicas are two stores on one database. */
class PostgresSpendingTest extends SpendingContract {
    private PostgresSchema schema;

    @BeforeEach
    void createSchema() throws SQLException {
        schema = PostgresSchema.createOrSkip();
    }

    @AfterEach
    void dropSchema() throws Exception {
        closeAll();
        if (schema != null) schema.close();
    }

    @Override
    protected String url() {
        return schema.url();
    }

    @Override
    protected String user() {
        return PostgresSchema.USER;
    }
}
