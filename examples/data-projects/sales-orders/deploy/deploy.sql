-- Deploys every object of PLAN.md in dependency order.
-- Run from the project root with SnowSQL or the Snowflake CLI: snow sql -f deploy/deploy.sql
!source src/raw/tables/orders_raw.sql
!source src/raw/tables/customers_raw.sql
!source src/transformation/tables/orders_clean.sql
!source src/transformation/views/orders_enriched.sql
!source src/consumption/views/daily_sales.sql
!source src/raw/procedures/load_orders.sql
!source src/transformation/tasks/refresh_orders_task.sql

-- Tasks start suspended: resume them last.
ALTER TASK SALES_DB.TRANSFORM.REFRESH_ORDERS_TASK RESUME;
