DROP TABLE publicity_item_units;
