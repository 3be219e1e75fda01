-- Unit test of SALES_DB.RAW.LOAD_ORDERS: the procedure runs and reports a load.
CALL SALES_DB.RAW.LOAD_ORDERS();
