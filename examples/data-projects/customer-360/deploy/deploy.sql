-- Objects in dependency order; run from the project root: snow sql -f deploy/deploy.sql
!source src/raw/tables/crm_contacts.sql
!source src/raw/tables/web_events.sql
!source src/transformation/tables/customer_profile.sql
!source src/consumption/views/customer_360.sql
!source src/transformation/tasks/nightly_profile_task.sql
