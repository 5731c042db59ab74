DROP TABLE expert_recommendations;
DROP TABLE pool_update_items;
DROP TABLE pool_updates;
